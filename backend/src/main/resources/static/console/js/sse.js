// Server-sent events over fetch, so the stream carries the Bearer token in a header (EventSource cannot send
// one, and a token in the URL would end up in logs). Calls onEvent(type, data) for each event; resolves when
// the server ends the stream; rejects with ApiError for an error answer.
import { ApiError, currentToken, session, sessionEnded } from './api.js';

export async function streamEvents(path, onEvent, { signal } = {}) {
  const token = await currentToken();
  if (!token) {
    sessionEnded();
    throw new ApiError(401, { title: 'Signed out' });
  }
  const response = await fetch(path, {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` }, signal, cache: 'no-store',
  });
  if (!response.ok) {
    if (response.status === 401) {
      session.clear(); // the next connection renews it
    }
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
}

function dispatch(block, onEvent) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) {
      continue; // a comment: keep-alive
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') {
      type = value;
    } else if (name === 'data') {
      data.push(value);
    }
  }
  if (data.length) {
    onEvent(type, data.join('\n'));
  }
}
