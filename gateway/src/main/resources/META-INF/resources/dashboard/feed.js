// The live events of every session the key may read: one WebSocket through the gateway, opened with a stream token
// (browsers cannot send headers on a WebSocket, and the key never goes into a URL). A token opens one stream, so each
// reconnect asks for a new one, and resumes after the last event seen: nothing recorded meanwhile is missed.
import {$, api, json, key, el} from './api.js';

const RECONNECT_MS = 3000;
const SHOWN = 200;
const listeners = [];
let socket = null;
let lastEventId = null;
let paused = false;
let retry = null;

/** Calls {@code listener(event)} for every event, live or replayed after a reconnect. */
export function onEvent(listener) {
  listeners.push(listener);
}

export function open() {
  paused = false;
  showState();
  connect();
}

export function close() {
  paused = true;
  clearTimeout(retry);
  if (socket) {
    socket.onclose = null;
    socket.close();
    socket = null;
  }
}

/** Logged out: the next key starts from what is recorded from then on. */
export function reset() {
  close();
  lastEventId = null;
  $('feed').replaceChildren();
}

function state(text) {
  $('feed-state').textContent = text;
}

function showState() {
  $('feed-toggle').textContent = paused ? 'Resume live events' : 'Pause live events';
  $('feed-toggle').setAttribute('aria-pressed', String(paused));
}

async function connect() {
  if (socket || paused || !key.get()) {
    return;
  }
  state('connecting');
  try {
    const {token} = await (await api('/api/v1/tokens', json({}))).json();
    if (paused || socket || !key.get()) {
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const resume = lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : '';
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/events/ws?token=${encodeURIComponent(token)}${resume}`);
    socket.onopen = () => state('live');
    socket.onmessage = message => receive(JSON.parse(message.data));
    socket.onclose = () => {
      socket = null;
      state(paused ? 'paused' : 'reconnecting');
      scheduleReconnect();
    };
  } catch (e) {
    state(e.status === 503 ? 'unavailable' : 'reconnecting');
    scheduleReconnect();
  }
}

function scheduleReconnect() {
  clearTimeout(retry);
  if (!paused && key.get()) {
    retry = setTimeout(connect, RECONNECT_MS);
  }
}

function receive(event) {
  if (event.type === 'stream.dropped') {
    // the gateway dropped a stream it could not keep up with: resume where it says
    lastEventId = event.lastEventId || lastEventId;
    return;
  }
  if (event.id) {
    lastEventId = String(event.id);
  }
  show(event);
  for (const listener of listeners) {
    listener(event);
  }
}

function show(event) {
  const item = el('li', 'event', `${event.occurredAt || ''} ${event.namespace || ''}/${event.session || ''} ${event.type} `
    + JSON.stringify(event.payload === undefined ? {} : event.payload));
  const list = $('feed');
  list.prepend(item);
  while (list.children.length > SHOWN) {
    list.lastChild.remove();
  }
}

$('feed-toggle').addEventListener('click', () => {
  if (paused) {
    open();
  } else {
    close();
    state('paused');
    showState();
  }
});
