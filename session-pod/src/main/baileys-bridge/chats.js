// Chats' app state both ways (PROTOCOL.md, `chatModify`, `history` and the `chat`, `label`, `contact` events): the
// pod's changes go to WhatsApp as Baileys' app-state patches (chatModify); the phone's, as Baileys reports them after
// applying WhatsApp's patches, come back one change per event.
'use strict'
const baileys = require('./baileys')
const {
  jidNormalizedUser, getBinaryNodeChild, getBinaryNodeChildren, proto, encodeWAMessage, generateMessageIDV2,
  encodeSignedDeviceIdentity
} = require('./baileys').api

// WhatsApp's clients send these with the range of messages the change covers; the pod names none (as Cobalt's adapter)
const WITH_RANGE = ['archive', 'markRead', 'delete', 'clear']
const NO_RANGE = { lastMessageTimestamp: 0, messages: [] }

// `versions`: the collections' app-state versions Baileys keeps in the auth state (`read()` a copy of all of them,
// `restore(name, version)` one put back as it was)
function chatRequests(socket, versions) {
  return {
    // `modification`: Baileys' ChatModification, less the message range, which is added here
    async chatModify({ chat, modification }) {
      const ranged = WITH_RANGE.some(field => field in modification) ? { lastMessages: NO_RANGE, ...modification } : modification
      const sock = socket()
      const before = versions.read()
      const refusals = []
      const listen = frame => refusals.push(...refusedCollections(frame))
      sock.ws.on('frame', listen)
      try {
        await sock.chatModify(ranged, chat)
      } finally {
        sock.ws.off('frame', listen)
      }
      if (refusals.length) {
        // Baileys took the refused patch's version as the collection's own: the next patch must start from the old one
        for (const { name } of refusals) versions.restore(name, before[name])
        throw new Error('WhatsApp refused the app-state patch: ' + refusals.map(r => `${r.name} ${r.code} ${r.text}`).join(', '))
      }
      return {}
    },
    async history(request) {
      return { requestId: await askForHistory(socket(), request) }
    }
  }
}

// The on-demand history request (what Baileys' fetchMessageHistory asks), a peer message to the account's phone. Baileys
// 6.7 sends it as every message to the account's own devices, wrapped in a deviceSentMessage; WhatsApp Web and
// whatsmeow send it as it is, and so does this: encrypted for the phone (device 0) alone.
async function askForHistory(sock, { chat, messageId, fromMe, timestamp, count }) {
  const phone = jidNormalizedUser(sock.authState.creds.me.id)
  const message = {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.PEER_DATA_OPERATION_REQUEST_MESSAGE,
      peerDataOperationRequestMessage: {
        peerDataOperationRequestType: proto.Message.PeerDataOperationRequestType.HISTORY_SYNC_ON_DEMAND,
        historySyncOnDemandRequest: {
          chatJid: chat, oldestMsgId: messageId, oldestMsgFromMe: fromMe, onDemandMsgCount: count, oldestMsgTimestampMs: timestamp
        }
      }
    }
  }
  await sock.assertSessions([phone], false)
  const { type, ciphertext } = await sock.signalRepository.encryptMessage({ jid: phone, data: encodeWAMessage(message) })
  const id = generateMessageIDV2(sock.user?.id)
  const content = [{ tag: 'enc', attrs: { v: '2', type }, content: ciphertext }]
  if (type === 'pkmsg') {
    content.push({ tag: 'device-identity', attrs: {}, content: encodeSignedDeviceIdentity(sock.authState.creds.account, true) })
  }
  await sock.sendNode({ tag: 'message', attrs: { id, to: phone, type: 'text', category: 'peer', push_priority: 'high_force' }, content })
  return id
}

// WhatsApp answers a refused patch with its collection marked as an error inside a successful <iq>, which Baileys 6.7
// does not look at.
function refusedCollections(frame) {
  if (frame?.tag !== 'iq' || frame.attrs?.type !== 'result') return []
  const sync = getBinaryNodeChild(frame, 'sync')
  if (!sync) return []
  return getBinaryNodeChildren(sync, 'collection').filter(collection => collection.attrs.type === 'error').map(collection => {
    const error = getBinaryNodeChild(collection, 'error')
    return { name: collection.attrs.name, code: error?.attrs.code || '', text: error?.attrs.text || '' }
  })
}

// The first name the owner saved a contact under (`contactAction`), which Baileys reads and drops (its contacts.upsert,
// made of the same mutation, carries the full name alone): read as Baileys processes each app-state mutation (its
// `processSyncAction`, wrapped) and told with the contact
const firstNames = new Map()
baileys.wrap('lib/Utils/chat-utils.js', 'processSyncAction', original => (mutation, ...rest) => {
  const contact = mutation.syncAction?.value?.contactAction
  const jid = mutation.index?.[1]
  if (contact && jid) firstNames.set(jid, contact.firstName || null)
  return original(mutation, ...rest)
})

// Baileys' events of the account's app state, as the bridge's events (`emit(name, fields)`).
function chatEvents(ev, emit) {
  const changed = (chat, change) => emit('chat', { chat: jidNormalizedUser(chat), ...change, at: Date.now() })
  ev.on('chats.update', updates => {
    for (const update of updates) {
      if (typeof update.archived === 'boolean') changed(update.id, { archived: update.archived })
      if ('pinned' in update) changed(update.id, { pinned: update.pinned !== null && update.pinned !== undefined })
      if ('muteEndTime' in update) changed(update.id, { muteEndTime: update.muteEndTime ?? null })
      // Baileys' reading of markChatAsRead: 0 read, -1 unread (counts of received messages are the pod's own)
      if (update.unreadCount === 0 || update.unreadCount === -1) changed(update.id, { read: update.unreadCount === 0 })
    }
  })
  ev.on('chats.delete', chats => chats.forEach(chat => changed(chat, { deleted: true })))
  ev.on('messages.update', updates => {
    for (const { key, update } of updates) {
      if (typeof update.starred === 'boolean') {
        changed(key.remoteJid, { star: { id: key.id, fromMe: Boolean(key.fromMe), starred: update.starred } })
      }
    }
  })
  ev.on('labels.association', ({ type, association }) => changed(association.chatId,
    { label: { id: association.labelId, messageId: association.messageId || null, labeled: type === 'add' } }))
  ev.on('labels.edit', label => emit('label', { id: label.id, name: label.name || '', color: label.color || 0,
    deleted: Boolean(label.deleted), at: Date.now() }))
  // the phone's address book (contactAction); names from messages (push names) are not the owner's
  ev.on('contacts.upsert', contacts => {
    for (const contact of contacts) {
      const firstName = firstNames.get(contact.id) ?? null
      firstNames.delete(contact.id)
      if (contact.name) emit('contact', { jid: jidNormalizedUser(contact.id), name: contact.name, firstName })
    }
  })
}

module.exports = { chatRequests, chatEvents }
