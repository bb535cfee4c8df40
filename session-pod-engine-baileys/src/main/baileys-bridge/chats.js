// Chats' app state both ways (PROTOCOL.md, `chatModify`, `history` and the `chat`, `label`, `contact` events): the
// pod's changes go to WhatsApp as Baileys' app-state patches (chatModify); the phone's, as Baileys reports them after
// applying WhatsApp's patches, come back one change per event.
'use strict'
const crypto = require('node:crypto')
const baileys = require('./baileys')
const {
  jidNormalizedUser, getBinaryNodeChild, getBinaryNodeChildren, proto, encodeWAMessage, generateMessageIDV2,
  encodeSignedDeviceIdentity, toNumber, chatModificationToAppPatch
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
        await ('clear' in ranged ? sock.appPatch(clearPatch(ranged, chat)) : sock.chatModify(ranged, chat))
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

// Baileys' patch of a cleared chat always deletes the starred messages too (its index's third part "1"); `keepStarred`
// keeps them ("0"), as WhatsApp's phones write it
function clearPatch({ keepStarred, ...modification }, chat) {
  const patch = chatModificationToAppPatch(modification, chat)
  patch.index = ['clearChat', chat, keepStarred ? '0' : '1', '0']
  return patch
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

// The phone's app-state mutations, read as Baileys decodes them. Baileys hands each on (`processSyncAction`) without
// its operation, and a REMOVE carries the value it removes (WhatsApp's do), so a star taken away would read as set
// again; it reports no cleared chat; and in the first sync after linking it drops the state of every chat its history
// does not hold. So the chats' own state (archive, pin, mute, read mark, star, clear, delete) is told from here, a
// REMOVE as the entry's end (unarchived, unstarred, a label taken off, …); the rest stays Baileys' (labels set,
// contacts, settings).
const { SyncdOperation } = proto.SyncdMutation
const removals = new WeakSet()
// `decodePatches(name, patches, state, getAppStateSyncKey, …)`: a patch's operations are in the patches Baileys decodes
// (external mutations it downloads are pushed onto each patch's list); a record names its entry by the HMAC of the
// index under the key's index key, which tells which decoded mutation each is
baileys.wrap('lib/Utils/chat-utils.js', 'decodePatches', original => async (name, patches, state, getKey, ...rest) => {
  const lists = patches.map(patch => patch.mutations || [])
  const decoded = await original(name, patches, state, getKey, ...rest)
  const records = lists.flat().filter(mutation => mutation?.record?.index?.blob && mutation.record.keyId?.id)
  if (records.some(mutation => mutation.operation === SyncdOperation.REMOVE)) {
    await markRemovals(records, Object.values(decoded.mutationMap), getKey)
  }
  return decoded
})

async function markRemovals(records, mutations, getKey) {
  const operations = new Map()
  const indexKeys = []
  for (const { operation, record } of records) {
    operations.set(Buffer.from(record.index.blob).toString('base64'), operation)
    const keyId = Buffer.from(record.keyId.id).toString('base64')
    if (!indexKeys.some(known => known.keyId === keyId)) {
      const key = await getKey(keyId)
      if (key?.keyData) indexKeys.push({ keyId, indexKey: indexKeyOf(key.keyData) })
    }
  }
  for (const mutation of mutations) {
    const index = mutation.syncAction?.index
    if (!index) continue
    const removed = indexKeys.some(({ indexKey }) =>
      operations.get(crypto.createHmac('sha256', indexKey).update(index).digest('base64')) === SyncdOperation.REMOVE)
    if (removed) removals.add(mutation)
  }
}

// WhatsApp's mutation keys: HKDF-SHA256 of the sync key, 160 bytes, the index key first
function indexKeyOf(keyData) {
  return Buffer.from(crypto.hkdfSync('sha256', keyData, Buffer.alloc(0), 'WhatsApp Mutation Keys', 160)).subarray(0, 32)
}

// The first name the owner saved a contact under (`contactAction`), which Baileys reads and drops (its contacts.upsert,
// made of the same mutation, carries the full name alone): read here and told with the contact
const firstNames = new Map()
// where each socket's changes go (`chatEvents`), and the changes of the sync being applied, told once it has been
const sinks = new WeakMap()
const pending = new WeakMap()
const CHAT_STATE = ['archive', 'pin_v1', 'mute', 'markChatAsRead', 'star', 'clearChat', 'deleteChat']
const LABELS = ['label_edit', 'label_jid', 'label_message']

baileys.wrap('lib/Utils/chat-utils.js', 'processSyncAction', original => (mutation, ev, me, initialSync, ...rest) => {
  const action = mutation.syncAction?.value
  const index = mutation.index || []
  const removed = removals.has(mutation)
  if (action?.contactAction && index[1] && !removed) firstNames.set(index[1], action.contactAction.firstName || null)
  if (CHAT_STATE.includes(index[0])) {
    const change = chatChange(index, action, removed, Boolean(initialSync))
    if (change) tell(ev, change)
    return
  }
  if (removed) {
    if (LABELS.includes(index[0])) tell(ev, labelRemoved(index, action))
    return
  }
  return original(mutation, ev, me, initialSync, ...rest)
})

// `[name, fields]` of the bridge event one mutation of a chat's state makes, or none. In the first sync after linking
// a cleared or deleted chat is history (Baileys' choice too), and a chat marked read is the default.
function chatChange([type, chat, messageId, fromMe], action, removed, initialSync) {
  const changed = fields => ['chat', { chat: jidNormalizedUser(chat), ...fields }]
  switch (type) {
    case 'archive': return changed({ archived: !removed && Boolean(action?.archiveChatAction?.archived) })
    case 'pin_v1': return changed({ pinned: !removed && Boolean(action?.pinAction?.pinned) })
    case 'mute': {
      const mute = action?.muteAction
      return changed({ muteEndTime: !removed && mute?.muted ? toNumber(mute.muteEndTimestamp) : null })
    }
    case 'markChatAsRead': {
      const read = removed || Boolean(action?.markChatAsReadAction?.read)
      return initialSync && read ? null : changed({ read })
    }
    case 'star': return messageId ? changed({ star: { id: messageId, fromMe: fromMe === '1',
      starred: !removed && Boolean(action?.starAction?.starred) } }) : null
    // the index's third part: "1" deletes the starred messages too, "0" keeps them
    case 'clearChat': return removed || initialSync ? null : changed({ cleared: true, keepStarred: messageId !== '1' })
    case 'deleteChat': return removed || initialSync ? null : changed({ deleted: true })
  }
  return null
}

// a label's REMOVE: the label gone, or taken off a chat or a message
function labelRemoved([type, labelId, chat, messageId], action) {
  if (type === 'label_edit') {
    const label = action?.labelEditAction || {}
    return ['label', { id: labelId, name: label.name || '', color: label.color || 0, deleted: true }]
  }
  return ['chat', { chat: jidNormalizedUser(chat), label: { id: labelId, messageId: type === 'label_message' ? messageId : null, labeled: false } }]
}

// Baileys applies a sync's mutations one after another, at once: what they change is told when all are applied, the
// changes of a chat deleted in it left out (its REMOVEs of what the chat held come in the same sync, in any order)
function tell(ev, change) {
  let changes = pending.get(ev)
  if (!changes) {
    pending.set(ev, changes = [])
    queueMicrotask(() => {
      pending.delete(ev)
      const emit = sinks.get(ev)
      if (!emit) return
      const deleted = new Set(changes.filter(([, fields]) => fields.deleted).map(([, fields]) => fields.chat))
      for (const [name, fields] of changes) {
        if (name === 'chat' && deleted.has(fields.chat) && !fields.deleted) continue
        emit(name, { ...fields, at: Date.now() })
      }
    })
  }
  changes.push(change)
}

// Baileys' events of the account's app state, as the bridge's events (`emit(name, fields)`).
function chatEvents(ev, emit) {
  sinks.set(ev, emit)
  const changed = (chat, change) => emit('chat', { chat: jidNormalizedUser(chat), ...change, at: Date.now() })
  // a chat Baileys unarchives itself at a new message (the account's unarchiveChats setting); the phone's changes are
  // told above
  ev.on('chats.update', updates => {
    for (const update of updates) {
      if (update.archived === false) changed(update.id, { archived: false })
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
