package uk.lifeline.backend.console;

/**
 * The checks every console page must pass, run in the browser on the page as rendered: ids are unique (labels
 * and error messages point at them), every visible form control has a label, every button and link has a
 * name, a chart or image has a text alternative, and all visible text meets WCAG 2.1 AA contrast (4.5:1, or 3:1
 * for large text) against the background it is drawn on, semi-transparent layers blended. Returns one line per
 * problem.
 */
final class AccessibilityChecks {

    private AccessibilityChecks() {}

    static final String SCRIPT = """
            const problems = [];
            const shown = (el) => {
              if (el.closest('[hidden]')) return false;
              const s = getComputedStyle(el);
              if (s.display === 'none' || s.visibility === 'hidden') return false;
              const r = el.getBoundingClientRect();
              return r.width > 0 && r.height > 0;
            };
            const ids = {};
            document.querySelectorAll('[id]').forEach((e) => { ids[e.id] = (ids[e.id] || 0) + 1; });
            Object.entries(ids).filter(([, n]) => n > 1).forEach(([id]) => problems.push('duplicate id ' + id));
            document.querySelectorAll('input, select, textarea').forEach((el) => {
              if (['hidden', 'submit', 'button', 'reset'].includes(el.type) || !shown(el)) return;
              const byLabel = el.labels && [...el.labels].some((l) => l.textContent.trim());
              const by = el.getAttribute('aria-labelledby');
              if (!byLabel && !el.getAttribute('aria-label') && !(by && document.getElementById(by))) {
                problems.push('no label: ' + el.outerHTML.slice(0, 120));
              }
            });
            document.querySelectorAll('button, a[href]').forEach((el) => {
              if (!shown(el)) return;
              if (!(el.getAttribute('aria-label') || el.textContent || '').trim()) {
                problems.push('no name: ' + el.outerHTML.slice(0, 120));
              }
            });
            document.querySelectorAll('svg, canvas, img').forEach((el) => {
              if (!shown(el) || el.closest('button, a') || el.getAttribute('aria-hidden') === 'true') return;
              if (!(el.getAttribute('aria-label') || el.getAttribute('alt') || el.querySelector('title'))) {
                problems.push('no text alternative: ' + el.outerHTML.slice(0, 80));
              }
            });
            const rgba = (c) => {
              const m = /rgba?\\(([^)]+)\\)/.exec(c);
              if (!m) return [0, 0, 0, 1];
              const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
              return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
            };
            const blend = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
            const background = (el) => {
              const layers = [];
              for (let e = el; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
              }
              let bg = [255, 255, 255, 1];
              for (let i = layers.length - 1; i >= 0; i--) bg = blend(layers[i], bg);
              return bg;
            };
            const lum = (c) => {
              const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
            };
            const ratio = (a, b) => {
              const x = lum(a), y = lum(b);
              return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
            };
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const seen = new Set();
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (!n.textContent.trim() || seen.has(el)) continue;
              seen.add(el);
              if (!shown(el) || el.closest('.visually-hidden, [disabled], option, script, style, noscript')) continue;
              const s = getComputedStyle(el);
              const bg = background(el);
              const fg = blend(rgba(s.color), bg);
              const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && parseInt(s.fontWeight, 10) >= 700);
              const need = large ? 3 : 4.5;
              const r = ratio(fg, bg);
              if (r < need) {
                problems.push('contrast ' + r.toFixed(2) + ' < ' + need + ' for "' + n.textContent.trim().slice(0, 40)
                    + '" (' + s.color + ' on rgb(' + bg.slice(0, 3).map(Math.round) + '))');
              }
            }
            return problems;
            """;
}
