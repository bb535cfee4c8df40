'use strict';
// The kubezap dashboard: plain JS over the gateway's REST API. The key lives in sessionStorage (gone with the tab)
// and travels in X-Api-Key; the event feed (a WebSocket) gets a short-lived token instead, since browsers cannot set
// headers there.
(() => {
  const KEY = 'kubezap.gatewayKey';
  const REFRESH_MS = 1500;
  const $ = id => document.getElementById(id);
  let selected = null;   // {namespace, name}
  let sessions = [];
  let timer = null;
  let feed = null;

  function path(session, rest = '') {
    return `/api/v1/namespaces/${encodeURIComponent(session.namespace)}/sessions/${encodeURIComponent(session.name)}${rest}`;
  }

  async function api(url, options = {}) {
    const headers = Object.assign({'X-Api-Key': sessionStorage.getItem(KEY) || ''}, options.headers || {});
    const response = await fetch(url, Object.assign({}, options, {headers}));
    if (response.status === 401) {
      logout('The key is not valid');
      throw new Error('unauthorized');
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
      throw new Error(`${problem.title || response.statusText} (${response.status})${problem.detail ? ': ' + problem.detail : ''}${fields ? ' — ' + fields : ''}`);
    }
    return response;
  }

  const json = body => ({method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const say = (text, error = false) => { $('message').textContent = text; $('message').className = error ? 'error' : ''; };

  async function login(event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('login-key').value.trim());
    try {
      await api('/api/v1/sessions?limit=1');
      start();
    } catch (e) {
      if (e.message !== 'unauthorized') { $('login-error').textContent = e.message; }
    }
  }

  function logout(reason) {
    sessionStorage.removeItem(KEY);
    clearInterval(timer);
    if (feed) { feed.close(); feed = null; }
    $('app').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = typeof reason === 'string' ? reason : '';
  }

  function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    $('login-error').textContent = '';
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
    openFeed();
  }

  async function refresh() {
    try {
      const page = await (await api('/api/v1/sessions?limit=500')).json();
      sessions = page.items || [];
      renderTable();
      renderDetail();
    } catch (e) {
      if (e.message !== 'unauthorized') { say(e.message, true); }
    }
  }

  let rendered = '';

  function renderTable() {
    const body = $('sessions').tBodies[0];
    // rows are rebuilt only when something shown changed, so a click never lands on a replaced button
    const snapshot = JSON.stringify([selected, sessions.map(s => [s.namespace, s.name, s.phase, s.account])]);
    if (snapshot === rendered) { return; }
    rendered = snapshot;
    body.replaceChildren(...sessions.map(s => {
      const row = document.createElement('tr');
      row.dataset.session = `${s.namespace}/${s.name}`;
      if (selected && selected.namespace === s.namespace && selected.name === s.name) { row.className = 'selected'; }
      const phone = s.account && s.account.phoneNumber ? s.account.phoneNumber : '';
      for (const [cls, text] of [['name', s.name], ['namespace', s.namespace], ['phase', s.phase], ['phone', phone]]) {
        const cell = row.insertCell();
        cell.className = cls;
        cell.textContent = text || '';
      }
      const open = document.createElement('button');
      open.textContent = 'Open';
      open.className = 'open';
      open.onclick = () => { selected = {namespace: s.namespace, name: s.name}; renderTable(); renderDetail(); };
      row.insertCell().append(open);
      return row;
    }));
  }

  function current() {
    return selected && sessions.find(s => s.namespace === selected.namespace && s.name === selected.name);
  }

  function renderDetail() {
    const session = current();
    $('detail').hidden = !session;
    if (!session) { return; }
    $('detail-name').textContent = `${session.namespace}/${session.name}`;
    $('detail-phase').textContent = session.phase;
    $('suspend').textContent = session.spec && session.spec.suspend ? 'Resume' : 'Suspend';
    if (session.pairingCode && session.pairingCode.code) { $('pairing-code').textContent = session.pairingCode.code; }
    showQr(session);
  }

  /** The QR image comes from the session's pod (…/qr?format=png); it is fetched again whenever status.qr changes. */
  async function showQr(session) {
    const img = $('qr');
    const code = session.qr && session.qr.code;
    const key = code ? `${session.namespace}/${session.name}/${code}` : '';
    if (key === img.dataset.key) { return; }
    img.dataset.key = key;
    if (!code) { hideQr(); return; }
    try {
      const blob = await (await api(path(session, '/qr?format=png'), {headers: {Accept: 'image/png'}})).blob();
      if (img.dataset.key !== key) { return; }
      if (img.src) { URL.revokeObjectURL(img.src); }
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
    if ($('create-namespace').value.trim()) { body.namespace = $('create-namespace').value.trim(); }
    if ($('create-display').value.trim()) { body.displayName = $('create-display').value.trim(); }
    await act(async () => {
      const created = await (await api('/api/v1/sessions', json(body))).json();
      selected = {namespace: created.namespace, name: created.name};
      $('create').reset();
      return `Session ${created.namespace}/${created.name} created`;
    });
  }

  async function toggleSuspend() {
    const session = current();
    const suspend = !(session.spec && session.spec.suspend);
    if (suspend && !confirm(`Suspend session ${session.namespace}/${session.name}? Its pod stops; nothing is sent or received until it is resumed.`)) {
      return;
    }
    await act(async () => {
      await api(path(session), {method: 'PATCH', headers: {'Content-Type': 'application/merge-patch+json'},
        body: JSON.stringify({suspend})});
      return `Session ${session.name} ${suspend ? 'suspended' : 'resumed'}`;
    });
  }

  async function remove() {
    const session = current();
    if (!confirm(`Delete session ${session.namespace}/${session.name}?`)) { return; }
    await act(async () => {
      await api(path(session), {method: 'DELETE'});
      selected = null;
      return `Session ${session.name} deleted`;
    });
  }

  async function pairing(event) {
    event.preventDefault();
    const session = current();
    await act(async () => {
      const answer = await (await api(path(session, '/pairing-code'), json({phoneNumber: $('pairing-phone').value.trim()}))).json();
      $('pairing-code').textContent = answer.code;
      return `Type the pairing code ${answer.code} on the phone`;
    });
  }

  async function send(event) {
    event.preventDefault();
    const session = current();
    await act(async () => {
      const answer = await (await api(path(session, '/messages'), json({to: $('send-to').value.trim(), text: $('send-text').value}))).json();
      return `Message ${answer.id || ''} accepted`;
    });
  }

  async function act(action) {
    try {
      say(await action());
      await refresh();
    } catch (e) {
      if (e.message !== 'unauthorized') { say(e.message, true); }
    }
  }

  /** One feed for all sessions; a token is good for one stream, so each reconnect fetches a new one. */
  async function openFeed() {
    try {
      const {token} = await (await api('/api/v1/tokens', json({}))).json();
      if (!sessionStorage.getItem(KEY)) { return; }
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      feed = new WebSocket(`${scheme}://${location.host}/api/v1/events/ws?token=${encodeURIComponent(token)}`);
      feed.onopen = () => { $('feed-state').textContent = 'live'; };
      feed.onmessage = message => show(JSON.parse(message.data));
      feed.onclose = () => {
        feed = null;
        $('feed-state').textContent = 'reconnecting';
        setTimeout(() => { if (sessionStorage.getItem(KEY) && !feed) { openFeed(); } }, 3000);
      };
    } catch (e) {
      $('feed-state').textContent = 'unavailable';
    }
  }

  function show(event) {
    const item = document.createElement('li');
    item.className = 'event';
    item.textContent = `${event.occurredAt || ''} ${event.namespace || ''}/${event.session || ''} ${event.type} `
      + JSON.stringify(event.payload === undefined ? event : event.payload);
    const list = $('feed');
    list.prepend(item);
    while (list.children.length > 200) { list.lastChild.remove(); }
  }

  $('login').addEventListener('submit', login);
  $('logout').addEventListener('click', () => logout());
  $('create').addEventListener('submit', create);
  $('suspend').addEventListener('click', toggleSuspend);
  $('delete').addEventListener('click', remove);
  $('pairing').addEventListener('submit', pairing);
  $('send').addEventListener('submit', send);
  if (sessionStorage.getItem(KEY)) { start(); }
})();
