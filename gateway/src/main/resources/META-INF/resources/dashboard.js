// The kubezap dashboard: plain JS modules over the gateway's REST API, the key's scope deciding what it shows.
import {$, key, api, whenUnauthorized} from './dashboard/api.js';
import * as sessions from './dashboard/sessions.js';
import * as inbox from './dashboard/inbox.js';
import * as webhooks from './dashboard/webhooks.js';
import * as feed from './dashboard/feed.js';

async function login(event) {
  event.preventDefault();
  key.set($('login-key').value.trim());
  try {
    await api('/api/v1/sessions?limit=1');
    start();
  } catch (e) {
    if (e.status !== 401) {
      $('login-error').textContent = e.message;
    }
  }
}

function logout(reason) {
  key.clear();
  sessions.stop();
  feed.reset();
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-key').value = '';
  $('login-error').textContent = typeof reason === 'string' ? reason : '';
  $('login-key').focus();
}

function start() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('login-error').textContent = '';
  sessions.start();
  feed.open();
}

sessions.onSelect(session => {
  inbox.show(session);
  webhooks.show(session);
});
feed.onEvent(event => {
  if (event.type.startsWith('session.')) {
    sessions.refresh();
  }
  inbox.onEvent(event);
  webhooks.onEvent(event);
});
whenUnauthorized(logout);
$('login').addEventListener('submit', login);
$('logout').addEventListener('click', () => logout());
if (key.get()) {
  start();
}
