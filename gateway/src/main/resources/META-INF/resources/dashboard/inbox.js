// The inbox of the session opened: its chats (unread count, last message), the thread of the chat opened (media,
// replies, reactions, edits, deletions, the cards of business kinds: cards.js), and sending text, files and places.
// Everything comes from the session's pod through the gateway's proxy; the live feed says when to read it again.
import {$, api, getJson, json, act, el, button, keyed, sessionPath} from './api.js';
import {card} from './cards.js';

const THREAD_SIZE = 50;
// events come in bursts (a message, then its receipts): one read after the burst
const RELOAD_DELAY_MS = 250;
let session = null;
let chat = null;          // the chat's jid
let replyTo = null;       // {id, text}
let messages = [];
let reload = null;

/** Another session was opened (or none): its chats are shown, no chat yet. */
export function show(opened) {
  session = opened;
  chat = null;
  cancelReply();
  $('thread').replaceChildren();
  $('conversation').hidden = true;
  $('chats').replaceChildren();
  if (session) {
    loadChats();
  }
}

/** An event of some session: the inbox is read again when it is the open session's and about messages or chats. */
export function onEvent(event) {
  if (!session || event.namespace !== session.namespace || event.session !== session.name) {
    return;
  }
  if (event.type.startsWith('message.') || event.type.startsWith('chat.')) {
    clearTimeout(reload);
    reload = setTimeout(() => { loadChats(); loadThread(); }, RELOAD_DELAY_MS);
  }
}

const chatPath = (rest = '') => sessionPath(session, `/chats/${encodeURIComponent(chat)}${rest}`);

async function loadChats() {
  const opened = session;
  try {
    const page = await getJson(sessionPath(opened, '/chats?limit=100'));
    if (opened !== session) {
      return;
    }
    keyed($('chats'), 'li', page.items || [], c => c.jid, c => [c, c.jid === chat], fillChat);
    $('chats-empty').hidden = (page.items || []).length > 0;
  } catch (e) {
    $('chats-empty').hidden = false;
    $('chats-empty').textContent = `No chats to show: ${e.message}`;
  }
}

/** The chat's button is made once and its content changed after, so it stays the same element. */
function fillChat(item, c) {
  const who = c.name || c.phoneNumber || c.jid;
  if (!item.firstChild) {
    item.dataset.chat = c.jid;
    item.append(button('', 'chat', () => openChat(c.jid, item.dataset.who)));
  }
  item.dataset.who = who;
  const open = item.firstChild;
  open.classList.toggle('selected', c.jid === chat);
  open.setAttribute('aria-label', `Open the chat with ${who}${c.username ? ` (@${c.username})` : ''}${c.unreadCount ? `, ${c.unreadCount} unread` : ''}`);
  const parts = [el('span', 'who', who)];
  if (c.username) {
    parts.push(el('span', 'username', `@${c.username}`));
  }
  if (c.unreadCount) {
    parts.push(el('span', 'unread', String(c.unreadCount)));
  }
  parts.push(el('span', 'preview', `${c.lastMessageFromMe ? 'You: ' : ''}${c.lastMessagePreview || ''}`));
  open.replaceChildren(...parts);
}

function openChat(jid, who) {
  chat = jid;
  cancelReply();
  $('conversation').hidden = false;
  $('thread-title').textContent = who;
  loadChats();
  loadThread();
}

async function loadThread() {
  if (!chat) {
    return;
  }
  const opened = chat;
  try {
    const page = await getJson(chatPath(`/messages?includeDeleted=true&limit=${THREAD_SIZE}`));
    if (opened !== chat) {
      return;
    }
    messages = (page.items || []).slice().reverse();
    keyed($('thread'), 'li', messages.filter(m => !inShownAlbum(m)), m => m.id, m => [m, quoteOf(m), albumItems(m)], fillMessage);
    $('thread').scrollTop = $('thread').scrollHeight;
  } catch (e) {
    $('thread').replaceChildren(el('li', 'error', e.message));
  }
}

/** The photos and videos of an album's first message (type album) that the thread holds, in order. */
function albumItems(m) {
  return m.type === 'album' ? messages.filter(item => item.albumId && item.albumId === m.waMessageId) : [];
}

/** An album's photo or video, shown inside its album's message when the thread holds that one. */
function inShownAlbum(m) {
  return Boolean(m.albumId) && messages.some(album => album.type === 'album' && album.waMessageId === m.albumId);
}

function quoteOf(m) {
  if (!m.quotedMessageId) {
    return null;
  }
  const quoted = messages.find(q => q.id === m.quotedMessageId || q.waMessageId === m.quotedMessageId);
  return quoted ? quoted.text || `[${quoted.type}]` : 'a reply to an earlier message';
}

/** A message's element, filled again (its files' object URLs released) whenever the message changed. */
function fillMessage(item, m) {
  (item.dataset.urls || '').split(' ').filter(Boolean).forEach(url => URL.revokeObjectURL(url));
  item.dataset.urls = '';
  item.replaceChildren();
  item.className = `msg ${m.direction}${m.deletedAt ? ' deleted' : ''}`;
  item.dataset.id = m.id;
  if (m.quotedMessageId) {
    item.append(el('blockquote', 'quote', quoteOf(m)));
  }
  if (m.direction === 'in' && (m.pushName || m.username)) {
    item.append(el('span', 'sender', [m.pushName, m.username && `@${m.username}`].filter(Boolean).join(' ')));
  }
  if (m.deletedAt) {
    item.append(el('em', 'deleted-note', 'This message was deleted'));
  }
  if (m.media) {
    item.append(media(m, item));
  }
  if (m.hd) {
    item.append(el('span', 'hd-badge', 'HD'));
  }
  if (m.type === 'album') {
    item.append(album(m, item));
  }
  if (m.location) {
    const place = m.location;
    item.append(el('p', 'location', `📍 ${place.name ? place.name + ' ' : ''}(${place.latitude}, ${place.longitude})`
      + `${place.address ? ' ' + place.address : ''}`));
  }
  const shownAsCard = card(m);
  if (shownAsCard) {
    item.append(shownAsCard);
  } else if (m.text) {
    // a file's caption is its message's text
    item.append(el('p', 'text', m.text));
  }
  const meta = el('p', 'meta', `${new Date(m.createdAt).toLocaleString()}${m.direction === 'out' ? ' · ' + m.status : ''}`
    + `${m.editedAt ? ' · edited' : ''}`);
  item.append(meta);
  if (m.reactions && m.reactions.length) {
    item.append(el('p', 'reactions', m.reactions.map(r => r.emoji).join(' ')));
  }
  if (!m.deletedAt) {
    item.append(actions(m));
  }
}

/** An album as WhatsApp shows it: one message holding its photos and videos, each with its caption. */
function album(m, item) {
  const counts = m.album || {};
  const said = [[counts.expectedImageCount, 'photo'], [counts.expectedVideoCount, 'video']]
    .filter(([count]) => count).map(([count, what]) => `${count} ${what}${count === 1 ? '' : 's'}`);
  const block = el('div', 'album');
  block.append(el('p', 'album-title', ['Album', ...said].join(' · ')));
  albumItems(m).forEach(file => {
    const figure = el('figure', 'album-item');
    figure.append(media(file, item));
    if (file.text) {
      figure.append(el('figcaption', 'text', file.text));
    }
    block.append(figure);
  });
  return block;
}

/** An image is shown; any other file is a link that downloads it (the bytes need the key, so they come as a blob). */
function media(m, item) {
  const url = sessionPath(session, `/messages/${encodeURIComponent(m.id)}/media`);
  const name = m.media.fileName || `${m.type}-${m.id}`;
  if (m.media.mimeType && m.media.mimeType.startsWith('image/')) {
    const img = el('img', 'media');
    img.alt = m.media.caption || m.media.fileName || 'an image';
    blob(url, item).then(objectUrl => { img.src = objectUrl; }).catch(() => { img.alt = 'image not available'; });
    return img;
  }
  const link = el('a', 'download', `Download ${name}${m.media.size ? ` (${Math.ceil(m.media.size / 1024)} KiB)` : ''}`);
  link.href = '#';
  link.addEventListener('click', async event => {
    if (link.download) {
      return;
    }
    event.preventDefault();
    await act(async () => {
      link.href = await blob(url, item);
      link.download = name;
      link.click();
      return `${name} downloaded`;
    });
  });
  return link;
}

/** The file at {@code url} as an object URL, released when {@code item} is filled again. */
async function blob(url, item) {
  const objectUrl = URL.createObjectURL(await (await api(url)).blob());
  item.dataset.urls = `${item.dataset.urls || ''} ${objectUrl}`;
  return objectUrl;
}

function actions(m) {
  const bar = el('p', 'msg-actions');
  bar.append(button('Reply', 'small', () => startReply(m), 'Reply to this message'));
  bar.append(button('React', 'small', () => react(m), 'React to this message'));
  if (m.direction === 'out') {
    bar.append(button('Edit', 'small', () => edit(m), 'Edit this message'));
    bar.append(button('Delete', 'small danger', () => revoke(m), 'Delete this message for everyone'));
  }
  return bar;
}

function startReply(m) {
  replyTo = {id: m.id, text: m.text || `[${m.type}]`};
  $('reply-to').hidden = false;
  $('reply-text').textContent = replyTo.text;
  $('compose-text').focus();
}

function cancelReply() {
  replyTo = null;
  $('reply-to').hidden = true;
}

async function react(m) {
  const emoji = prompt('React with (empty to take your reaction back):', '👍');
  if (emoji === null) {
    return;
  }
  await act(async () => {
    await api(sessionPath(session, `/messages/${encodeURIComponent(m.id)}/reactions`), json({emoji}));
    await loadThread();
    return emoji ? `Reacted ${emoji}` : 'Reaction taken back';
  });
}

async function edit(m) {
  const text = prompt('New text:', m.text || '');
  if (text === null || text === m.text) {
    return;
  }
  await act(async () => {
    await api(sessionPath(session, `/messages/${encodeURIComponent(m.id)}`), json({text}, 'PATCH'));
    await loadThread();
    return 'Message edited';
  });
}

async function revoke(m) {
  if (!confirm('Delete this message for everyone?')) {
    return;
  }
  await act(async () => {
    await api(sessionPath(session, `/messages/${encodeURIComponent(m.id)}?for=everyone`), {method: 'DELETE'});
    await loadThread();
    return 'Message deleted for everyone';
  });
}

/** Text, or a file with the text as its caption: multipart, so the pod streams the file to its volume. */
async function compose(event) {
  event.preventDefault();
  const text = $('compose-text').value;
  const file = $('compose-file').files[0];
  await act(async () => {
    if (file) {
      const form = new FormData();
      form.append('to', chat);
      form.append('type', kind(file.type));
      if (file.type) {
        form.append('mimeType', file.type);
      }
      form.append('fileName', file.name);
      if (text) {
        form.append('caption', text);
      }
      if (replyTo) {
        form.append('quotedMessageId', replyTo.id);
      }
      form.append('file', file, file.name);
      await api(sessionPath(session, '/messages'), {method: 'POST', body: form});
    } else {
      const body = {to: chat, text};
      if (replyTo) {
        body.quotedMessageId = replyTo.id;
      }
      await api(sessionPath(session, '/messages'), json(body));
    }
    $('compose').reset();
    cancelReply();
    await loadThread();
    return file ? `${file.name} sent` : 'Message sent';
  });
}

function kind(mimeType) {
  if (mimeType.startsWith('image/')) {
    return 'image';
  }
  if (mimeType.startsWith('video/')) {
    return 'video';
  }
  if (mimeType.startsWith('audio/')) {
    return 'audio';
  }
  return 'document';
}

async function sendLocation(event) {
  event.preventDefault();
  const location = {latitude: Number($('location-latitude').value), longitude: Number($('location-longitude').value)};
  if ($('location-name').value.trim()) {
    location.name = $('location-name').value.trim();
  }
  await act(async () => {
    await api(sessionPath(session, '/messages'), json({to: chat, type: 'location', location}));
    $('location').reset();
    await loadThread();
    return 'Location sent';
  });
}

async function markRead() {
  await act(async () => {
    const answer = await (await api(chatPath('/read'), {method: 'POST'})).json();
    await loadChats();
    return `${answer.marked || 0} messages marked read`;
  });
}

/** A message to a number, which starts a chat with it. */
async function newMessage(event) {
  event.preventDefault();
  await act(async () => {
    const answer = await (await api(sessionPath(session, '/messages'),
      json({to: $('send-to').value.trim(), text: $('send-text').value}))).json();
    await loadChats();
    return `Message ${answer.id || ''} accepted`;
  });
}

$('compose').addEventListener('submit', compose);
$('location').addEventListener('submit', sendLocation);
$('mark-read').addEventListener('click', markRead);
$('reply-cancel').addEventListener('click', cancelReply);
$('send').addEventListener('submit', newMessage);
