// The phone's history syncs (PROTOCOL.md, `history`): each batch handed to the pod whole, with the id of the message that
// announced it, whose acknowledgement waits for the pod's `stored` (held-acks.js).
//
// Baileys processes a history notification in processMessage (Utils/process-message.js) and emits what it read as
// `messaging-history.set`; but that event goes through its event buffer, which merges batches, drops chats and messages
// it has seen before (an on-demand answer for a known chat) and leaves out each conversation's archived, pinned and
// muted state (Utils/history.js deletes them). So this module wraps processMessage (baileys.js, `wrap`), leaving
// Baileys' source untouched: a notification Baileys would process (its `shouldSyncHistoryMessage`, the session's depth)
// is downloaded here with Baileys' own downloadHistory and handed over as it is; Baileys then goes on without
// processing it a second time.
'use strict'
//
// Only the account's own phone tells the session its past: a history notification from anyone else (a contact who
// knows the number, a group) is acknowledged and ignored, as whatsmeow and WhatsApp Web do, and so are the other
// protocol messages only the account's own devices send (app-state keys, answers to its requests), which Baileys 6.7
// would otherwise take from anyone. A batch inflating beyond the pod's cap (`historyMaxInflatedBytes`) is dropped.
const baileys = require('./baileys')
const { proto, jidNormalizedUser, downloadContentFromMessage, getHistoryMsg, processHistoryMessage } = baileys.api
const { inflateSync } = require('node:zlib')
const { received, written, base64 } = require('./messages')
const polls = require('./polls')
const { mediaUrl } = require('./media-hosts')
const { keepHistoryTokens } = require('./history-tokens')
const { keepSalt } = require('./client-side-tokens')

const Type = proto.HistorySync.HistorySyncType
const SYNC_TYPES = {
  [Type.INITIAL_BOOTSTRAP]: 'bootstrap', [Type.RECENT]: 'recent', [Type.FULL]: 'full', [Type.ON_DEMAND]: 'on-demand'
}

let depth = 'Recent'
let maxInflatedBytes = 64 * 1024 * 1024
const UNDECLARED_MAX_BYTES = 64 * 1024 * 1024
const OWN_DEVICES_ONLY = new Set([
  proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
  proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE,
  proto.Message.ProtocolMessage.Type.PEER_DATA_OPERATION_REQUEST_RESPONSE_MESSAGE
])

// Baileys' `shouldSyncHistoryMessage` for the session's `spec.history`: nothing, all but the full history (Baileys' own
// default), or everything.
function shouldSync(notification) {
  return depth === 'Full' || (depth !== 'None' && notification.syncType !== Type.FULL)
}

function configure(historyDepth, historyMaxInflatedBytes) {
  depth = historyDepth || 'Recent'
  if (historyMaxInflatedBytes) maxInflatedBytes = historyMaxInflatedBytes
  return shouldSync
}

// Sent by the account itself in its own chat (not by a contact, not in a group or broadcast, where a participant is named)
function fromOwnAccount(message) {
  return Boolean(message.key?.fromMe && !message.key.participant)
}

// A protocol message only the account's own devices may send, sent by someone else
function forged(message) {
  const type = message.message?.protocolMessage?.type
  return type !== undefined && type !== null && OWN_DEVICES_ONLY.has(type) && !fromOwnAccount(message)
}

// true when `message` announces a batch of conversations this module hands over (its acknowledgement is its business)
function handles(message) {
  const notification = getHistoryMsg(message.message)
  return Boolean(notification && fromOwnAccount(message) && SYNC_TYPES[notification.syncType] !== undefined
    && shouldSync(notification))
}

// `handle(id, read)` gets each batch of conversations Baileys would process: `id` the announcing message's, `read()`
// the batch. Push names and the rest Baileys processes as before.
function install(handle, downloadOptions, logger) {
  baileys.wrap('lib/Utils/process-message.js', 'default', original => async (message, context) => {
    if (forged(message)) {
      logger.warn({ id: message.key.id, from: message.key.remoteJid }, 'protocol message only the account sends, ignored')
      return
    }
    if (!context.shouldProcessHistoryMsg || !handles(message)) return original(message, context)
    const notification = getHistoryMsg(message.message)
    await handle(message.key.id, () => read(notification, context, message.key.id, downloadOptions()), notification)
      .catch(error => logger.warn({ error, id: message.key.id }, 'history sync not handed over'))
    return original(message, { ...context, shouldProcessHistoryMsg: false })
  })
}

// Where a batch's blob lives on the media host (PROTOCOL.md, `historyDeferred`), to be read later when it cannot be
// now; null for a batch sent inline
function locator(notification) {
  if (notification.initialHistBootstrapInlinePayload?.length || !notification.directPath) return null
  return {
    syncType: SYNC_TYPES[notification.syncType] || 'on-demand', chunkOrder: notification.chunkOrder || 0,
    progress: written(notification, 'progress'), directPath: notification.directPath, mediaKey: base64(notification.mediaKey),
    fileSha256: base64(notification.fileSha256), fileEncSha256: base64(notification.fileEncSha256),
    size: Number(notification.fileLength || 0)
  }
}

// A batch kept by the pod (`locator`), read now; null when the session asks for no history
async function readKept(id, blob, context, options) {
  const syncType = Number(Object.keys(SYNC_TYPES).find(type => SYNC_TYPES[type] === blob.syncType) ?? Type.ON_DEMAND)
  if (depth === 'None') return null
  const notification = {
    syncType, chunkOrder: blob.chunkOrder, progress: blob.progress, directPath: blob.directPath,
    mediaKey: Buffer.from(blob.mediaKey || '', 'base64'), fileLength: blob.size
  }
  return read(notification, context, id, options)
}

async function read(notification, context, id, options) {
  // a phone with nothing more to tell (the push names alone) sends the batch inline
  const inline = notification.initialHistBootstrapInlinePayload
  const raw = inflated(inline?.length ? inline : await downloadBlob(notification, options))
  const sync = proto.HistorySync.decode(raw)
  // the account's NCT salt, for client-side tokens (client-side-tokens.js)
  await keepSalt(raw, context.keyStore).catch(error => context.logger?.warn({ error }, 'the NCT salt was not kept'))
  const me = jidNormalizedUser(context.creds.me?.id)
  // a poll in the history keeps its secret too, for the votes still to come (polls.js)
  for (const chat of context.keyStore ? sync.conversations || [] : []) {
    for (const item of chat.messages || []) {
      if (item.message) await polls.remember(item.message, context.keyStore, context.creds.me).catch(() => {})
    }
  }
  const conversations = (sync.conversations || []).map(chat => conversation(chat, me))
  const learned = await addresses(sync, context)
  // the chats' privacy tokens, after their LIDs are known (history-tokens.js)
  await keepHistoryTokens(sync, context).catch(error => context.logger?.warn({ error }, 'a history sync\'s privacy tokens were not kept'))
  return {
    id, syncType: SYNC_TYPES[sync.syncType] || SYNC_TYPES[notification.syncType], chunkOrder: sync.chunkOrder || 0,
    progress: written(sync, 'progress'), requestId: notification.peerDataRequestSessionId || null,
    conversations, addresses: learned
  }
}

// The lid↔phone pairs the batch carries (phoneNumberToLidMappings, each conversation's other address), read and kept in
// Baileys' LID store as Baileys does itself (processHistoryMessage, which this module bypasses, then
// storeLIDPNMappings); read after the conversations: processHistoryMessage takes their messages away
async function addresses(sync, context) {
  const written = pairsWritten(sync)
  let pairs
  try {
    pairs = (processHistoryMessage(sync).lidPnMappings || []).filter(({ lid, pn }) => lid && pn)
  } catch {
    return []
  }
  // Baileys 6.17's processHistoryMessage reads none
  if (!pairs.length) pairs = written
  try {
    await context.signalRepository?.lidMapping?.storeLIDPNMappings(pairs)
  } catch (error) {
    // the pod learns them all the same; Baileys learns each again from the next message that shows it
  }
  const seen = new Map()
  for (const { lid, pn } of pairs) seen.set(`${lid} ${pn}`, { lid: jidNormalizedUser(lid), pn: jidNormalizedUser(pn) })
  return [...seen.values()]
}

// The pairs the batch writes down: its phoneNumberToLidMappings and each conversation's other address (lidJid beside a
// number, pnJid beside a LID), as Baileys 7's processHistoryMessage reads them; Baileys 6.17's reads none.
function pairsWritten(sync) {
  const pairs = (sync.phoneNumberToLidMappings || []).map(({ lidJid, pnJid }) => ({ lid: lidJid, pn: pnJid }))
  for (const chat of sync.conversations || []) {
    if (chat.id?.endsWith('@lid')) pairs.push({ lid: chat.id, pn: chat.pnJid })
    else if (chat.id?.endsWith('@s.whatsapp.net')) pairs.push({ lid: chat.lidJid, pn: chat.id })
  }
  return pairs.filter(({ lid, pn }) => lid?.endsWith('@lid') && pn?.endsWith('@s.whatsapp.net'))
}

// The encrypted blob, from WhatsApp's media host only (the pod's one list, PROTOCOL.md `start`), no more than declared
async function downloadBlob(notification, options) {
  const most = Number(notification.fileLength || 0) || UNDECLARED_MAX_BYTES
  const stream = await downloadContentFromMessage({ mediaKey: notification.mediaKey, url: mediaUrl(notification.directPath) },
    'md-msg-hist', { options })
  const chunks = []
  let length = 0
  for await (const chunk of stream) {
    length += chunk.length
    if (length > most) {
      stream.destroy()
      throw new Error(`the history sync blob is longer than the ${most} bytes declared`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function inflated(deflated) {
  try {
    return inflateSync(deflated, { maxOutputLength: maxInflatedBytes })
  } catch (error) {
    if (error.code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`the history sync blob inflates beyond ${maxInflatedBytes} bytes`)
    throw error
  }
}

// A conversation as the phone's chat list has it (times as WhatsApp wrote them: pinned in seconds, mute end as sent)
// and the messages of it this batch carries, oldest first.
function conversation(chat, me) {
  const messages = []
  for (const item of chat.messages || []) {
    const line = item.message && received(item.message, 'history')
    if (line?.event !== 'message') continue
    const { event, upsert, ...message } = line
    messages.push(message.fromMe && me ? { ...message, sender: me } : message)
  }
  messages.sort((a, b) => a.timestamp - b.timestamp)
  return {
    jid: chat.id, name: chat.name || null, unreadCount: chat.unreadCount || 0, archived: Boolean(chat.archived),
    markedUnread: Boolean(chat.markedAsUnread), pinned: Number(chat.pinned || 0), muteEndTime: Number(chat.muteEndTime || 0),
    messages
  }
}

module.exports = { install, configure, handles, locator, readKept, pairsWritten }
