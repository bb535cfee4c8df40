// The sessions the key may see: the table (phase, number, last error, webhook backlog and failures), the session
// opened (its QR, pairing code, suspend, delete) and the form that creates one.
import {$, api, getJson, json, act, say, button, keyed, sessionPath, sessionId, key} from './api.js';

const REFRESH_MS = 1500;
const FIGURES_MS = 10000;
const FIGURES_MAX = 50;
// reasons that only name the phase the session is in: no error to show
const PHASE_ONLY_REASONS = new Set(['Pending', 'Starting', 'WaitingForQR', 'WaitingForPairingCode', 'WaitingForPasskey', 'PasskeyRequired', 'Suspended', 'Connected']);

let sessions = [];
let selected = null;          // {namespace, name}
let timer = null;
let figuresTimer = null;
const figures = new Map();    // session id -> {pending, failed}
const allowed = new Map();    // session id -> the verbs the key may use on it, as the gateway answered
const creatable = new Map();  // namespace -> whether the key may create sessions there (false while asking)
const selectionListeners = [];

export const current = () => selected && sessions.find(s => s.namespace === selected.namespace && s.name === selected.name);

/** Calls {@code listener(session or null)} whenever another session is opened (or the open one goes). */
export function onSelect(listener) {
  selectionListeners.push(listener);
}

export function start() {
  refresh().then(refreshFigures);
  timer = setInterval(refresh, REFRESH_MS);
  figuresTimer = setInterval(refreshFigures, FIGURES_MS);
}

export function stop() {
  clearInterval(timer);
  clearInterval(figuresTimer);
  sessions = [];
  $('sessions').tBodies[0].replaceChildren();
  allowed.clear();
  creatable.clear();
  figures.clear();
  select(null);
}

export async function refresh() {
  try {
    const page = await getJson('/api/v1/sessions?limit=500');
    sessions = page.items || [];
    if (selected && !current()) {
      select(null);
    }
    renderTable();
    renderDetail();
    askWhereCreatable();
  } catch (e) {
    if (e.status !== 401) {
      say(e.message, true);
    }
  }
}

/**
 * Why the session is not serving, from its Ready condition: the operator writes the pod's last error there (its
 * reason is then not merely the phase).
 */
export function lastError(session) {
  const ready = (session.conditions || []).find(c => c.type === 'Ready');
  if (ready && ready.status === 'False' && ready.reason && !PHASE_ONLY_REASONS.has(ready.reason) && ready.reason !== session.phase) {
    return `${ready.reason}: ${ready.message || ''}`;
  }
  const store = (session.conditions || []).find(c => c.type === 'KeyStoreHealthy' && c.status === 'False');
  return store ? `${store.reason}: ${store.message || ''}` : '';
}

/** Webhook deliveries waiting and given up on, per session shown, from the gateway's stats. */
async function refreshFigures() {
  for (const session of sessions.slice(0, FIGURES_MAX)) {
    try {
      const stats = await getJson(`/api/v1/stats?session=${encodeURIComponent(sessionId(session))}&latest=0`);
      figures.set(sessionId(session), stats.webhooks || {});
    } catch (e) {
      figures.delete(sessionId(session));
    }
  }
  renderTable();
}

/**
 * Whether the key may create sessions (an answer to an earlier key, logged out meanwhile, is dropped): asked of the gateway (GET /api/v1/access) once per namespace it lists and for
 * the gateway's default namespace (a create without a namespace lands there).
 */
function askWhereCreatable() {
  for (const namespace of ['', ...new Set(sessions.map(s => s.namespace))]) {
    if (creatable.has(namespace)) {
      continue;
    }
    creatable.set(namespace, false);
    const asking = key.get();
    getJson(`/api/v1/access${namespace ? '?namespace=' + encodeURIComponent(namespace) : ''}`)
      .then(answer => {
        if (asking === key.get()) {
          creatable.set(namespace, (answer.allowed || []).includes('create'));
          renderTable();
        }
      })
      .catch(() => creatable.delete(namespace));
  }
}

/** What the key may do to the session opened: its own GET answers with the verbs ("allowed"). */
async function askAllowed(session) {
  const asking = key.get();
  let verbs = [];
  try {
    verbs = (await getJson(sessionPath(session))).allowed || [];
  } catch (e) {
    // nothing is allowed that the gateway did not say
  }
  if (asking === key.get()) {
    allowed.set(sessionId(session), verbs);
    renderDetail();
  }
}

const may = (session, verb) => (allowed.get(sessionId(session)) || []).includes(verb);

function webhookCell(session) {
  const counted = figures.get(sessionId(session));
  if (!counted) {
    return '—';
  }
  return `${counted.pending || 0} waiting, ${counted.failed || 0} failed`;
}

function renderTable() {
  keyed($('sessions').tBodies[0], 'tr', sessions, sessionId, session => [selected, session.phase, session.account,
    lastError(session), webhookCell(session)], fillRow);
  $('sessions-empty').hidden = sessions.length > 0;
  $('create').hidden = ![...creatable.values()].includes(true);
}

const COLUMNS = ['name', 'namespace', 'phase', 'phone', 'last-error', 'webhooks'];

/** Cells are made once per row and their text changed after: the row's Open button stays the same element. */
function fillRow(tr, session) {
  if (!tr.cells.length) {
    tr.dataset.session = sessionId(session);
    for (const cls of COLUMNS) {
      tr.insertCell().className = cls;
    }
    tr.insertCell().append(button('Open', 'open', () => select(session), `Open session ${sessionId(session)}`));
  }
  tr.className = selected && sessionId(selected) === sessionId(session) ? 'selected' : '';
  const phone = session.account && session.account.phoneNumber ? session.account.phoneNumber : '';
  [session.name, session.namespace, session.phase, phone, lastError(session), webhookCell(session)]
    .forEach((text, i) => { tr.cells[i].textContent = text || ''; });
}

function select(session) {
  const before = selected ? sessionId(selected) : '';
  selected = session ? {namespace: session.namespace, name: session.name} : null;
  renderTable();
  renderDetail();
  if ((selected ? sessionId(selected) : '') !== before) {
    $('pairing-code').textContent = '';
    if (selected) {
      askAllowed(selected);
    }
    selectionListeners.forEach(listener => listener(current() || null));
  }
}

function renderDetail() {
  const session = current();
  $('detail').hidden = !session;
  if (!session) {
    return;
  }
  $('detail-name').textContent = sessionId(session);
  $('detail-phase').textContent = session.phase;
  $('detail-error').textContent = lastError(session);
  $('suspend').textContent = session.spec && session.spec.suspend ? 'Resume' : 'Suspend';
  $('suspend').hidden = !may(session, 'patch');
  $('delete').hidden = !may(session, 'delete');
  $('pairing').hidden = !may(session, 'manage');
  const linked = session.phase === 'Connected' || session.phase === 'Reconnecting';
  // once the phone approved the link and WhatsApp asks for the passkey, a QR or pairing code has nothing left to do
  $('link').hidden = linked || session.phase === 'WaitingForPasskey';
  showQr(session);
  showPasskey(session);
}

/**
 * While WhatsApp waits for the account's passkey, the snippet that answers its challenge in a tab on web.whatsapp.com
 * (the passkey's relying party), with the request options read from the session's pod.
 */
async function showPasskey(session) {
  const box = $('passkey');
  const waiting = session.phase === 'WaitingForPasskey' && may(session, 'manage');
  if (!waiting) {
    box.hidden = true;
    box.dataset.key = '';
    return;
  }
  try {
    const challenge = await getJson(sessionPath(session, '/pairing/passkey'));
    const id = `${sessionId(session)}/${challenge.challenge}`;
    if (box.dataset.key === id) {
      return;
    }
    box.dataset.key = id;
    $('passkey-snippet').textContent = passkeySnippet(challenge.requestOptions);
    $('passkey-expires').textContent = challenge.expiresAt;
    box.hidden = false;
  } catch (e) {
    box.hidden = true;
  }
}

/**
 * The same text as contract's PasskeyBrowserSnippet, which kubectl zap link prints: change both together. The options
 * go in as one JSON object written out again (JSON.parse refuses anything after it), never as the text came.
 */
function passkeySnippet(requestOptions) {
  const options = JSON.parse(requestOptions);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new Error('passkey request options are not one JSON object');
  return `(async () => {
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(${JSON.stringify(options)});
  const credential = await navigator.credentials.get({publicKey});
  console.log(JSON.stringify(credential.toJSON()));
})();`;
}

async function answerPasskey(event) {
  event.preventDefault();
  const session = current();
  await act(async () => {
    let assertion;
    try {
      assertion = JSON.parse($('passkey-result').value);
    } catch (e) {
      throw new Error('Paste the whole line the tab printed: it is JSON, starting with {');
    }
    await api(sessionPath(session, '/pairing/passkey'), json(assertion));
    $('passkey-result').value = '';
    return 'WhatsApp took the passkey answer: the session links now';
  });
}

/**
 * The QR image comes from the session's pod (…/qr?format=png, for who may manage the session: the status tells only
 * that a QR waits and its expiry); it is fetched again whenever that expiry changes (a rotated QR).
 */
async function showQr(session) {
  const img = $('qr');
  const waiting = session.pairing && session.pairing.method === 'QR' && may(session, 'manage');
  const code = waiting ? session.pairing.expiresAt : '';
  const id = code ? `${sessionId(session)}/${code}` : '';
  if (id === img.dataset.key) {
    return;
  }
  img.dataset.key = id;
  if (!code) {
    hideQr();
    return;
  }
  try {
    const blob = await (await api(sessionPath(session, '/qr?format=png'), {headers: {Accept: 'image/png'}})).blob();
    if (img.dataset.key !== id) {
      return;
    }
    if (img.src) {
      URL.revokeObjectURL(img.src);
    }
    img.src = URL.createObjectURL(blob);
    img.dataset.code = code;
    img.hidden = false;
    $('qr-none').hidden = true;
  } catch (e) {
    img.dataset.key = '';
    hideQr();
  }
}

function hideQr() {
  $('qr').hidden = true;
  $('qr').dataset.code = '';
  $('qr-none').hidden = false;
}

async function create(event) {
  event.preventDefault();
  const body = {name: $('create-name').value.trim()};
  if ($('create-namespace').value.trim()) {
    body.namespace = $('create-namespace').value.trim();
  }
  if ($('create-display').value.trim()) {
    body.displayName = $('create-display').value.trim();
  }
  if ($('create-pairing-phone').value.trim()) {
    body.pairing = {method: 'PairingCode', phoneNumber: $('create-pairing-phone').value.trim()};
  }
  await act(async () => {
    const created = await (await api('/api/v1/sessions', json(body))).json();
    $('create').reset();
    await refresh();
    select(created);
    return `Session ${sessionId(created)} created`;
  });
}

/**
 * Asks the user to type the session's name before an action that ends it, and trades what was typed for the
 * gateway's confirmation (a token for this action on this session, good once within 60 s); null when dismissed.
 */
async function confirmed(session, action, question) {
  const typed = prompt(`${question}\nType the session's name (${session.name}) to ${action} it.`);
  if (typed === null) {
    return null;
  }
  if (typed.trim() !== session.name) {
    say(`Not ${action}d: the name typed was not ${session.name}`, true);
    return null;
  }
  const answer = await api('/api/v1/confirmations', json({action, namespace: session.namespace, session: typed.trim()}));
  return {'X-Kubezap-Confirmation': (await answer.json()).token};
}

async function toggleSuspend() {
  const session = current();
  const suspend = !(session.spec && session.spec.suspend);
  await act(async () => {
    const confirmation = suspend ? await confirmed(session, 'suspend',
      `Suspend session ${sessionId(session)}? Its pod stops; nothing is sent or received until it is resumed.`) : {};
    if (!confirmation) {
      return null;
    }
    await api(sessionPath(session), {method: 'PATCH',
      headers: Object.assign({'Content-Type': 'application/merge-patch+json'}, confirmation),
      body: JSON.stringify({suspend})});
    await refresh();
    return `Session ${session.name} ${suspend ? 'suspended' : 'resumed'}`;
  });
}

async function remove() {
  const session = current();
  await act(async () => {
    const confirmation = await confirmed(session, 'delete',
      `Delete session ${sessionId(session)}? The WhatsApp number is unlinked if the session says so (logoutOnDelete).`);
    if (!confirmation) {
      return null;
    }
    await api(sessionPath(session), {method: 'DELETE', headers: confirmation});
    select(null);
    await refresh();
    return `Session ${session.name} deleted`;
  });
}

async function pairing(event) {
  event.preventDefault();
  const session = current();
  await act(async () => {
    const answer = await (await api(sessionPath(session, '/pairing-code'),
      json({phoneNumber: $('pairing-phone').value.trim()}))).json();
    $('pairing-code').textContent = answer.code;
    return `Type the pairing code ${answer.code} on the phone`;
  });
}

$('create').addEventListener('submit', create);
$('suspend').addEventListener('click', toggleSuspend);
$('delete').addEventListener('click', remove);
$('pairing').addEventListener('submit', pairing);
$('passkey-answer').addEventListener('submit', answerPasskey);
