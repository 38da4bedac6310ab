// CSV the API sends (RFC 4180): read into rows for a table, and handed to the user as a file. The file is made
// in the page from text already fetched with the session's token, so no token ever goes into a URL.
import { h } from './dom.js';

/** RFC 4180 rows. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Saves `csv` as a file called `name`, as a download link would. */
export function saveCsv(csv, name) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * A real link to a CSV file made from `csv` (so it can be opened, saved or followed from the keyboard like any
 * link). The previous link's file is let go when `previous` is given.
 */
export function csvLink(csv, name, text, { id, previous } = {}) {
  if (previous && previous.href.startsWith('blob:')) {
    URL.revokeObjectURL(previous.href);
  }
  return h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: name, id,
    class: 'button secondary' }, text);
}
