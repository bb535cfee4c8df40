// The gateway's REST API as the page uses it. The key lives in sessionStorage (gone with the tab) and travels only in
// X-Api-Key, never in a URL.
const KEY = 'kubezap.gatewayKey';

export const $ = id => document.getElementById(id);

export const key = {
  get: () => sessionStorage.getItem(KEY) || '',
  set: value => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized = () => {};

/** What to do when the key stops being valid (the page logs out). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * A call to the gateway; any answer but 2xx is thrown as an ApiError carrying the problem's title and detail. A 401
 * logs out only when the key it was made with is still the one in use (a late answer to an earlier key's call may not
 * log the next key out).
 */
export async function api(url, options = {}) {
  const used = key.get();
  if (!used) {
    throw new ApiError('unauthorized', 401);
  }
  const headers = Object.assign({'X-Api-Key': used}, options.headers || {});
  const response = await fetch(url, Object.assign({}, options, {headers}));
  if (response.status === 401) {
    if (used === key.get()) {
      onUnauthorized('The key is not valid');
    }
    throw new ApiError('unauthorized', 401);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    throw new ApiError(`${problem.title || response.statusText} (${response.status})`
      + `${problem.detail ? ': ' + problem.detail : ''}${fields ? ' — ' + fields : ''}`, response.status);
  }
  return response;
}

/**
 * Shows {@code items} as the children of {@code parent}, one element per key, reused while its item lasts and
 * refilled only when what it shows changed: an element a user (or a test) is about to click is never swapped under
 * them by a refresh.
 */
export function keyed(parent, tag, items, keyOf, shownOf, fill) {
  const existing = new Map([...parent.children].map(child => [child.dataset.key, child]));
  const wanted = items.map(item => {
    const id = keyOf(item);
    const element = existing.get(id) || document.createElement(tag);
    element.dataset.key = id;
    const shown = JSON.stringify(shownOf(item));
    if (element.dataset.shown !== shown) {
      element.dataset.shown = shown;
      fill(element, item);
    }
    return element;
  });
  if (wanted.length !== parent.children.length || wanted.some((element, i) => parent.children[i] !== element)) {
    parent.replaceChildren(...wanted);
  }
}

export const getJson = async url => (await api(url)).json();

export const json = (body, method = 'POST') =>
  ({method, headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});

/** The gateway path of a session, or of a call its pod answers. */
export function sessionPath(session, rest = '') {
  return `/api/v1/namespaces/${encodeURIComponent(session.namespace)}/sessions/${encodeURIComponent(session.name)}${rest}`;
}

export const sessionId = session => `${session.namespace}/${session.name}`;

/** One line for the user: what was done, or what went wrong. */
export function say(text, error = false) {
  $('message').textContent = text;
  $('message').className = error ? 'error' : '';
}

/** Runs an action the user asked for and says how it went; answers what the action returned, or null. */
export async function act(action) {
  try {
    const result = await action();
    if (typeof result === 'string') {
      say(result);
    }
    return result;
  } catch (e) {
    if (e.status !== 401) {
      say(e.message, true);
    }
    return null;
  }
}

/** An element with a class and text, the page's building block. */
export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  if (text !== undefined && text !== null) {
    element.textContent = text;
  }
  return element;
}

export function button(text, className, onClick, label) {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) {
    b.setAttribute('aria-label', label);
  }
  b.addEventListener('click', onClick);
  return b;
}
