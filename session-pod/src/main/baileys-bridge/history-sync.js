// The phone's history syncs (PROTOCOL.md, `history`): each batch handed to the pod whole, with the id of the message that
// announced it, whose acknowledgement waits for the pod's `stored` (held-acks.js).
//
// Baileys 6.7 processes a history notification in processMessage (Utils/process-message.js) and emits what it read as
// `messaging-history.set`; but that event goes through its event buffer, which merges batches, drops chats and messages
// it has seen before (an on-demand answer for a known chat) and leaves out each conversation's archived, pinned and
// muted state (Utils/history.js deletes them). So this module wraps processMessage's export at load time, leaving
// Baileys' source untouched: a notification Baileys would process (its `shouldSyncHistoryMessage`, the session's depth)
// is downloaded here with Baileys' own downloadHistory and handed over as it is; Baileys then goes on without
// processing it a second time.
'use strict'
const { proto, jidNormalizedUser } = require('@whiskeysockets/baileys')
const processing = require('@whiskeysockets/baileys/lib/Utils/process-message')
const { downloadHistory, getHistoryMsg } = require('@whiskeysockets/baileys/lib/Utils/history')
const { inflateSync } = require('node:zlib')
const { received } = require('./messages')

const Type = proto.HistorySync.HistorySyncType
const SYNC_TYPES = {
  [Type.INITIAL_BOOTSTRAP]: 'bootstrap', [Type.RECENT]: 'recent', [Type.FULL]: 'full', [Type.ON_DEMAND]: 'on-demand'
}

let depth = 'Recent'

// Baileys' `shouldSyncHistoryMessage` for the session's `spec.history`: nothing, all but the full history (Baileys' own
// default), or everything.
function shouldSync(notification) {
  return depth === 'Full' || (depth !== 'None' && notification.syncType !== Type.FULL)
}

function configure(historyDepth) {
  depth = historyDepth || 'Recent'
  return shouldSync
}

// true when `message` announces a batch of conversations this module hands over (its acknowledgement is its business)
function handles(message) {
  const notification = getHistoryMsg(message.message)
  return Boolean(notification && SYNC_TYPES[notification.syncType] !== undefined && shouldSync(notification))
}

// `handle(id, read)` gets each batch of conversations Baileys would process: `id` the announcing message's, `read()`
// the batch. Push names and the rest Baileys processes as before.
function install(handle, downloadOptions, logger) {
  const original = processing.default
  processing.default = async (message, context) => {
    if (!context.shouldProcessHistoryMsg || !handles(message)) return original(message, context)
    const notification = getHistoryMsg(message.message)
    await handle(message.key.id, () => read(notification, context, message.key.id, downloadOptions()))
      .catch(error => logger.warn({ error, id: message.key.id }, 'history sync not handed over'))
    return original(message, { ...context, shouldProcessHistoryMsg: false })
  }
}

async function read(notification, context, id, options) {
  // a phone with nothing more to tell (the push names alone) sends the batch inline
  const inline = notification.initialHistBootstrapInlinePayload
  const sync = inline?.length ? proto.HistorySync.decode(inflateSync(inline)) : await downloadHistory(notification, options)
  const me = jidNormalizedUser(context.creds.me?.id)
  return {
    id, syncType: SYNC_TYPES[sync.syncType] || SYNC_TYPES[notification.syncType], chunkOrder: sync.chunkOrder || 0,
    progress: sync.progress ?? null, requestId: notification.peerDataRequestSessionId || null,
    conversations: (sync.conversations || []).map(chat => conversation(chat, me))
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

module.exports = { install, configure, handles }
