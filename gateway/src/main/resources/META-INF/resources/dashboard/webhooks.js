// The webhook deliveries of the session opened: the latest, or only those given up on, and retrying one.
import {$, api, getJson, act, el, button, sessionPath} from './api.js';

const SHOWN = 20;
// a session's events come in bursts: one read after the burst
const RELOAD_DELAY_MS = 500;
let session = null;
let reload = null;

export function show(opened) {
  session = opened;
  $('deliveries').tBodies[0].replaceChildren();
  if (session) {
    load();
  }
}

/** Deliveries change with the session's events (a new event, an attempt): read again on any of them. */
export function onEvent(event) {
  if (session && event.namespace === session.namespace && event.session === session.name) {
    clearTimeout(reload);
    reload = setTimeout(load, RELOAD_DELAY_MS);
  }
}

async function load() {
  const opened = session;
  const failedOnly = $('deliveries-failed').checked;
  try {
    const page = await getJson(sessionPath(opened, `/webhooks/deliveries?limit=${SHOWN}${failedOnly ? '&status=failed' : ''}`));
    if (opened !== session) {
      return;
    }
    const items = page.items || [];
    $('deliveries').tBodies[0].replaceChildren(...items.map(row));
    $('deliveries-empty').textContent = items.length ? '' : (failedOnly ? 'No failed deliveries.' : 'No deliveries yet.');
  } catch (e) {
    $('deliveries-empty').textContent = `No deliveries to show: ${e.message}`;
  }
}

function row(d) {
  const tr = el('tr');
  tr.dataset.delivery = d.id;
  for (const [cls, text] of [['event', d.event], ['endpoint', d.endpointUrl], ['status', d.status],
    ['attempts', String(d.attempts)], ['error', d.lastError || (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '')],
    ['at', d.lastAttemptAt ? new Date(d.lastAttemptAt).toLocaleString() : '']]) {
    const cell = tr.insertCell();
    cell.className = cls;
    cell.textContent = text || '';
  }
  const cell = tr.insertCell();
  if (d.status !== 'pending') {
    cell.append(button('Retry', 'small retry', () => retry(d), `Deliver the ${d.event} event again`));
  }
  return tr;
}

async function retry(d) {
  await act(async () => {
    await api(sessionPath(session, `/webhooks/deliveries/${encodeURIComponent(d.id)}/retry`), {method: 'POST'});
    await load();
    return `Delivery ${d.id} queued again`;
  });
}

$('deliveries-failed').addEventListener('change', load);
$('deliveries-reload').addEventListener('click', load);
