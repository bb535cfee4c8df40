// The session pod's Baileys engine: one WhatsApp session on an unmodified Baileys, driven by the pod over stdio with
// line-delimited JSON (PROTOCOL.md). The pod keeps the session's auth state: it hands it over in `start` and this
// bridge pushes every change back (`auth`, `keys` events) before it is used, so nothing lives only in Baileys' files.
// stdout carries protocol lines only; logs go to stderr.
'use strict'
const readline = require('node:readline')
const util = require('node:util')

// stdout is the protocol's: what Baileys' dependencies print (libsignal's console.log, say) goes to the log, without
// the keys it carries (libsignal prints whole sessions when it closes one: log-redaction.js)
const { redactedArgs } = require('./log-redaction')
for (const level of ['log', 'info', 'warn', 'debug', 'trace']) {
  console[level] = (...args) => process.stderr.write(util.format(...redactedArgs(args)) + '\n')
}

// Baileys (7.x an ES module) is imported first (baileys.js); this file then runs again, its modules requiring it loaded
const baileys = require('./baileys')
if (!baileys.api) {
  baileys.load().then(() => {
    delete require.cache[__filename]
    require(__filename)
  }, error => {
    process.stderr.write(`the bridge could not load Baileys: ${error.stack || error}\n`)
    process.exit(70)
  })
  return
}
const {
  makeWASocket, BufferJSON, initAuthCreds, proto, DisconnectReason, jidNormalizedUser, USyncQuery, USyncUser, S_WHATSAPP_NET
} = baileys.api
const pino = require('pino')

// A WhatsApp stand-in (wa-simulator) signs its Noise certificates with a root of its own, and Baileys 7 pins WhatsApp's:
// the stand-in's public key (base64) in its place. Unset: WhatsApp's.
if (process.env.KUBEZAP_BAILEYS_NOISE_ROOT_KEY && baileys.api.WA_CERT_DETAILS) {
  baileys.api.WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(process.env.KUBEZAP_BAILEYS_NOISE_ROOT_KEY, 'base64')
}
const acks = require('./held-acks')
const { received, voted, outgoing, addresses } = require('./messages')
const polls = require('./polls')
const { groupRequests, notification: groupNotification, created: groupCreated, addReasons, knownGroup } = require('./groups')
const { groupExtrasRequests, notified: groupExtrasNotified, pictureNotified } = require('./group-extras')
const { accountRequests } = require('./account')
const { businessRequests } = require('./business')
const { statusOptions, statusLook } = require('./statuses')
const events = require('./events')
const products = require('./products')
const interactive = require('./interactive')
const { profileRequests } = require('./profiles')
const history = require('./history-sync')
const { chatRequests, chatEvents } = require('./chats')
const { httpRoutes } = require('./http-routes')
const { passkeyLinking } = require('./passkey')
const { groupSenderKeys } = require('./sender-keys')
const { deviceLists } = require('./device-lists')
const { privacyTokens } = require('./privacy-tokens')
const { serverAcks } = require('./server-acks')
const { groupPosts } = require('./group-posts')
const lidFirst = require('./lid-first')
const hdMedia = require('./hd-media')
const sentMessages = require('./sent-messages')
const { reconnectBackoff } = require('./reconnect-backoff')
const { resolveUsername } = require('./usernames')
const { restrictions } = require('./restrictions')
const { installClientSideTokens } = require('./client-side-tokens')
const channels = require('./channels')

// whatever the level, no key, session or media key reaches the log (log-redaction.js)
const logger = pino({
  level: process.env.BRIDGE_LOG_LEVEL || 'warn', serializers: { error: pino.stdSerializers.err },
  hooks: { logMethod(args, method) { return method.apply(this, redactedArgs(args)) } }
}, pino.destination(2))
const OUTDATED_RETRY_MS = 5000
const reconnects = reconnectBackoff()
// as the Cobalt engine's (KUBEZAP_LOGIN_TIMEOUT, the start's loginTimeoutMs): past Baileys' 60 s wait for each login answer
const LOGIN_TIMEOUT_MS = 90000
// how long Baileys shows the first QR of a pairing request and each next one, as WhatsApp Web does
const FIRST_QR_MS = 60000
const NEXT_QR_MS = 20000
const LINKED_DEVICES_URL = 'https://wa.me/settings/linked_devices#'
const RECEIPTS = { 3: 'DELIVERED', 4: 'READ', 5: 'PLAYED' }
const CHAT_STATES = { COMPOSING: 'composing', RECORDING: 'recording', PAUSED: 'paused' }
const CALL_STATES = { offer: 'RINGING', accept: 'ACCEPTED', reject: 'REJECTED', timeout: 'TIMED_OUT', terminate: 'ENDED' }

let auth
let options
let sock
let stopping = false
let socketOpen
let qrCount
// the passkey step of the current socket's linking (passkey.js)
let passkey
let routes
let online
let socketLoggedIn = false
// the current socket's one-to-one sends until WhatsApp took them (privacy-tokens.js)
let tokens
// the current socket's group posts until WhatsApp took them (group-posts.js)
let posts
// the current socket's server acks of what the session sent (server-acks.js)
let acked

// the pod is gone (killed): end at once, acknowledging nothing more
process.stdout.on('error', () => process.exit(0))

function emit(line) {
  process.stdout.write(JSON.stringify(line, BufferJSON.replacer) + '\n')
}

function event(name, fields) {
  emit({ event: name, ...fields })
}

// Baileys' SignalKeyStore over a plain object the pod persists; every write is pushed to the pod first.
function keyStore(keys) {
  return {
    get: async (type, ids) => {
      const found = {}
      for (const id of ids) {
        let value = keys[type]?.[id]
        if (value && type === 'app-state-sync-key') value = proto.Message.AppStateSyncKeyData.fromObject(value)
        if (value) found[id] = value
      }
      return found
    },
    set: async (data) => {
      for (const type of Object.keys(data)) {
        keys[type] ??= {}
        for (const id of Object.keys(data[type])) {
          if (data[type][id]) keys[type][id] = data[type][id]
          else delete keys[type][id]
        }
      }
      if (!acks.deferKeys(data)) event('keys', { set: data })
    }
  }
}

const senderKeys = groupSenderKeys(() => auth.keys, keyStore)
// a one-to-one message without the contact's token shows a client-side token instead, where one can be made
installClientSideTokens(() => auth?.keys, () => auth?.creds)

function connect() {
  routes ??= httpRoutes()
  qrCount = 0
  let opened
  socketOpen = new Promise(resolve => { opened = resolve })
  // each user's devices, which a `devices` notification must also reach under the user's LID (device-lists.js)
  const devices = deviceLists()
  sock = makeWASocket({
    auth: { creds: auth.creds, keys: keyStore(auth.keys) }, agent: routes.agent, fetchAgent: routes.agent, logger,
    options: routes.socketOptions,
    printQRInTerminal: false, markOnlineOnConnect: Boolean(options.markOnline),
    // the history the session asked for (spec.history): the full one asks the phone for everything when linking
    syncFullHistory: options.history === 'Full', shouldSyncHistoryMessage: history.configure(options.history, options.historyMaxInflatedBytes),
    // the pod stores what it sends and the app-state changes it makes itself
    emitOwnEvents: false,
    ...(qrTimeoutMs() ? { qrTimeout: qrTimeoutMs() } : {}),
    // the members read for a post to a group (sender-keys.js), so that Baileys does not ask for them again
    cachedGroupMetadata: senderKeys.metadata,
    userDevicesCache: devices,
    // a retry receipt is answered with what the session sent under that id in the chat that asks, as it reads now
    // (sent-messages.js)
    getMessage: key => retryAnswers(key),
    ...(options.version ? { version: options.version.split('.').map(Number) } : {})
  })
  const current = sock
  const retryAnswers = sentMessages.answering(sock, logger)
  // a linked device's login the server never completes (no <success>) leaves Baileys on an open socket with nothing
  // pending, for ever: past the deadline it ends as a stalled login, and connects again as after any drop
  const loginTimeoutMs = options.loginTimeoutMs || LOGIN_TIMEOUT_MS
  const loginDeadline = auth.creds.me ? setTimeout(() => {
    if (current !== sock || socketLoggedIn) return
    sock.end(Object.assign(new Error(`WhatsApp did not complete the login within ${loginTimeoutMs / 1000} s`),
      { output: { statusCode: DisconnectReason.timedOut }, stalled: true }))
  }, loginTimeoutMs) : null
  acked = serverAcks(sock)
  tokens = privacyTokens(sock, logger, acked)
  posts = groupPosts(sock, acked)
  restrictions(sock, logger, (name, fields) => { if (current === sock) event(name, fields) })
  passkey = passkeyLinking(sock, (name, fields) => { if (current === sock) event(name, fields) }, logger)
  let nameBefore = auth.creds.me?.name
  sock.ev.on('creds.update', update => {
    event('auth', { creds: auth.creds })
    // Baileys sends a <presence> without a type (online, to WhatsApp) whenever an update's name differs from the
    // account's (one without `me` included): unless the pod asked for online, the account goes back offline
    const presenceSent = update.me?.name !== nameBefore
    // the account's push name, learnt after login (the phone's app state, the account's own messages)
    if (update.me?.name && presenceSent && socketLoggedIn) {
      event('account', { jid: jidNormalizedUser(auth.creds.me.id), name: update.me.name })
    }
    nameBefore = auth.creds.me?.name
    // the account's default timer for new chats, changed on the phone: Baileys reads WhatsApp's account_sync notification
    // into its credentials, and only there
    const defaultMode = update.accountSettings?.defaultDisappearingMode
    if (defaultMode) {
      const seconds = Number(defaultMode.ephemeralExpiration || 0)
      const at = Number(defaultMode.ephemeralSettingTimestamp || 0) * 1000 || Date.now()
      event('defaultDisappearing', { seconds, at })
    }
    if (presenceSent && !online) sendPresence(false).catch(error => logger.warn({ error }, 'presence after a name update'))
  })
  sock.ev.on('connection.update', update => {
    if (current !== sock) return
    if (update.qr && passkey.waiting) return
    if (update.qr) {
      opened()
      event('qr', { qr: qrPayload(update.qr), ttlMs: qrTimeoutMs() || (qrCount++ ? NEXT_QR_MS : FIRST_QR_MS) })
    }
    if (update.connection === 'connecting') event('connecting', {})
    if (update.connection === 'open') {
      socketLoggedIn = true
      reconnects.reset()
      const me = auth.creds.me || {}
      event('open', { jid: jidNormalizedUser(me.id), name: me.name || null })
      // Baileys announces the account's presence at login only once it knows the account's name
      if (!me.name) sendPresence(Boolean(options.markOnline)).catch(error => logger.warn({ error }, 'presence at login'))
    }
    if (update.connection === 'open' || update.connection === 'close') clearTimeout(loginDeadline)
    if (update.connection === 'close') socketLoggedIn = false
    if (update.connection === 'close') closed(update.lastDisconnect?.error)
  })
  sock.ev.on('messages.upsert', ({ messages, type }) => {
    for (const m of messages) incoming(m, type)
  })
  // a refusing proxy answers the socket's CONNECT with an HTTP status: Baileys listens for that answer and never ends
  // the socket, so it would wait for ever; it is a transient close (not the status's meaning for WhatsApp: 403, 405)
  sock.ws.on('unexpected-response', (request, response) => {
    if (current !== sock) return
    sock.end(Object.assign(new Error(`the socket was answered HTTP ${response.statusCode} instead of opening`),
      { output: { statusCode: DisconnectReason.connectionClosed } }))
    // end() took Baileys' error listener away; the aborted handshake still reports its own error
    sock.ws.on('error', () => {})
  })
  chatEvents(sock.ev, (name, fields) => { if (current === sock) event(name, fields) })
  sock.ws.on('CB:notification,type:devices', node => devices.heard(node))
  sock.ws.on('CB:presence', node => { if (current === sock) presence(node) })
  sock.ws.on('CB:chatstate', node => { if (current === sock) presence(node) })
  sock.ev.on('call', calls)
  // Baileys 7 learns who stands behind a linked identity (a number check, a group's metadata, the app state)
  sock.ev.on('lid-mapping.update', ({ lid, pn }) => {
    if (current === sock && lid && pn) event('address', { lid: jidNormalizedUser(lid), pn: jidNormalizedUser(pn), source: 'mapping' })
  })
  // WhatsApp's group notifications, as Baileys reads them: the pod's `group` event, its pairs of addresses first
  const learned = pairs => pairs.forEach(pair => event('address', { ...pair, source: 'group' }))
  const reasons = addReasons()
  sock.ws.on('CB:notification,type:w:gp2', node => {
    if (current !== sock) return
    reasons.heard(node)
    // the extras, which Baileys reads into message stubs or drops (group-extras.js)
    groupExtrasNotified(node, learned).forEach(told => event('group', told))
  })
  sock.ws.on('CB:notification,type:picture', node => {
    const told = current === sock ? pictureNotified(node) : null
    if (told) event('group', told)
  })
  const groupNotified = update => {
    if (current !== sock) return
    const told = groupNotification(update, learned, reasons)
    if (told) event('group', told)
  }
  sock.ev.on('group-participants.update', groupNotified)
  sock.ev.on('groups.update', updates => updates.filter(update => 'authorUsername' in update).forEach(groupNotified))
  // made only of WhatsApp's `create` notification: a group created with the account in it
  sock.ev.on('groups.upsert', groups => { if (current === sock) groups.forEach(metadata => event('group', groupCreated(metadata, learned))) })
  sock.ev.on('messages.update', updates => {
    for (const { key, update } of updates) {
      if (key.fromMe && RECEIPTS[update.status]) {
        event('receipt', { id: key.id, chat: key.remoteJid, receipt: RECEIPTS[update.status], participant: null, at: Date.now() })
      }
    }
  })
  sock.ev.on('message-receipt.update', updates => {
    for (const { key, receipt } of updates) {
      const kind = receipt.readTimestamp ? 'READ' : receipt.playedTimestamp ? 'PLAYED' : 'DELIVERED'
      event('receipt', { id: key.id, chat: key.remoteJid, receipt: kind, participant: receipt.userJid, at: Date.now() })
    }
  })
}

// The pod's QR lifetimes (KUBEZAP_QR_FIRST_LIFETIME, _NEXT_LIFETIME) when they are not WhatsApp Web's: Baileys has one
// lifetime for every QR (`qrTimeout`), so each QR is shown for the first's, never shorter than the user allowed for it
function qrTimeoutMs() {
  const first = options.qrFirstLifetimeMs || FIRST_QR_MS
  const next = options.qrNextLifetimeMs || NEXT_QR_MS
  return first === FIRST_QR_MS && next === NEXT_QR_MS ? undefined : first
}

// Baileys 7 shows the QR as a wa.me link (`https://wa.me/settings/linked_devices#<payload>`); the bridge hands the pod
// the payload, as Cobalt's adapter does, and the pod renders the link for both engines (PROTOCOL.md, `qr`)
function qrPayload(qr) {
  return qr.startsWith(LINKED_DEVICES_URL) ? qr.slice(LINKED_DEVICES_URL.length) : qr
}

function closed(error) {
  const code = error?.output?.statusCode
  const message = error?.message || 'connection closed'
  if (stopping) return
  if (code === DisconnectReason.loggedOut) {
    event('closed', { code, message, loggedOut: true })
    unlinked()
    return
  }
  if (code === DisconnectReason.forbidden) {
    event('closed', { code, message, banned: true })
    return
  }
  if (code === 405) {
    // client outdated: the pod learns a current version and asks for a `restart` with it
    event('closed', { code, message, outdated: true, version: options.version || null, retryInMs: OUTDATED_RETRY_MS })
    return
  }
  // 515 after pairing (restart required) at once; every transient drop after a growing, jittered wait
  // (reconnect-backoff.js), credentials kept. A `conflict` (another socket of this device took over, Baileys' 440) too,
  // as the Cobalt engine does (FailureClassifier says why)
  const delayMs = code === DisconnectReason.restartRequired ? 0 : reconnects.nextDelayMs()
  const conflict = code === DisconnectReason.connectionReplaced
  const stalled = Boolean(error?.stalled)
  event('closed', { code: code ?? null, message, retryInMs: delayMs, ...(conflict ? { conflict } : {}), ...(stalled ? { stalled } : {}) })
  setTimeout(() => { if (!stopping) connect() }, delayMs)
}

// Unlinked (by the phone or a logout): the old keys are worthless; pairing starts over with fresh credentials.
function unlinked() {
  auth = { creds: initAuthCreds(), keys: {} }
  event('auth', { creds: auth.creds, reset: true })
  connect()
}

// A message the pod keeps waits for its `stored` before WhatsApp is told it arrived; anything else is acknowledged now.
function incoming(m, type) {
  const keys = acks.keysOf(m.key.id)
  const line = polls.isVote(m) ? vote(m, type) : received(m, type)
  // before the message, so that the pod files a LID-addressed contact's message under its number
  for (const pair of addresses(m.key)) event('address', { ...pair, source: 'message' })
  if (line) {
    const look = statusLook(m)
    if (look) line.statusLook = look
    remember(m)
    // a business's messages carry its verified name (Baileys reads the certificate)
    if (m.verifiedBizName) event('business', { jid: line.sender, name: m.verifiedBizName })
    acks.claim(m.key.id)
    const told = ready => emit(keys ? { ...ready, keys } : ready)
    // an order is told once its items are read (products.js)
    if (line.order) products.detailed(socket(), line, logger).then(told)
    else told(line)
  } else if (!history.handles(m)) {
    if (keys) event('keys', { set: keys })
    acks.release(m.key.id)
  }
}

// a vote or an event's answer the bridge cannot open (its poll or event unknown here) is acknowledged and dropped, as
// Cobalt's adapter does
function vote(m, type) {
  const opened = polls.opened(m, auth.keys, auth.creds.me)
  if (opened) return voted(m, type, opened, auth.creds.me)
  logger.warn({ id: m.key.id }, 'a vote or an answer could not be read: its poll or event, or its secret, is not kept here')
  return null
}

// the secret of a poll sent or received, kept before the pod is told of the poll (polls.js)
function remember(message) {
  polls.remember(message, keyStore(auth.keys), auth.creds.me).catch(error => logger.warn({ error }, 'a poll\'s secret was not kept'))
}

// Presence and chat states as the server sends them (Baileys' own event folds `paused` into `available`).
function presence(node) {
  const jid = jidNormalizedUser(node.attrs.from)
  if (node.tag === 'presence') {
    const type = node.attrs.type || 'available'
    if (type !== 'available' && type !== 'unavailable') return
    const last = Number(node.attrs.last)
    event('presence', { jid, state: type.toUpperCase(), lastSeen: last > 0 ? last * 1000 : null, chat: null, at: Date.now() })
    return
  }
  const state = Array.isArray(node.content) ? node.content[0] : undefined
  if (state?.tag !== 'composing' && state?.tag !== 'paused') return
  const kind = state.tag === 'paused' ? 'PAUSED' : state.attrs?.media === 'audio' ? 'RECORDING' : 'COMPOSING'
  event('presence', { jid, state: kind, lastSeen: null, chat: jid, at: Date.now() })
}

function calls(updates) {
  for (const call of updates) {
    const state = CALL_STATES[call.status]
    if (!state) continue
    event('call', { id: call.id, caller: jidNormalizedUser(call.from), video: Boolean(call.isVideo), state,
      at: (call.date ? new Date(call.date).getTime() : Date.now()), offline: Boolean(call.offline) })
  }
}

// Baileys' sendPresenceUpdate drops it while the account's name is unknown; WhatsApp takes it without one
function sendPresence(available) {
  const name = auth.creds.me?.name
  return sock.sendNode({ tag: 'presence', attrs: { type: available ? 'available' : 'unavailable', ...(name ? { name } : {}) } })
}

// the LID↔number pairs a group's metadata named, told before the group is answered
const groupPairs = pairs => pairs.forEach(pair => event('address', { ...pair, source: 'group' }))

const appStateVersions = {
  read: () => JSON.parse(JSON.stringify(auth.keys['app-state-sync-version'] || {}, BufferJSON.replacer), BufferJSON.reviver),
  restore: (name, version) => keyStore(auth.keys).set({ 'app-state-sync-version': { [name]: version || null } })
}

// A message Baileys has no content for, relayed as built, answered as sendMessage answers (its WebMessageInfo)
async function relayed(to, message, messageId, additionalNodes) {
  await sock.relayMessage(to, message, { messageId, ...(additionalNodes ? { additionalNodes } : {}) })
  return sentMessages.keep({ key: { remoteJid: to, fromMe: true, id: messageId }, message, messageTimestamp: Math.floor(Date.now() / 1000) })
}

function socket() {
  if (!sock) throw new Error('not started')
  return sock
}

const requests = {
  async start(request) {
    options = request
    online = Boolean(request.markOnline)
    const stored = request.auth ? JSON.parse(JSON.stringify(request.auth), BufferJSON.reviver) : {}
    auth = { creds: stored.creds || initAuthCreds(), keys: stored.keys || {} }
    if (!stored.creds) event('auth', { creds: auth.creds })
    connect()
    return {}
  },
  async passkey({ credentialId, assertion }) {
    return passkey.answer({ credentialId, assertion })
  },
  async pairingCode({ phone }) {
    if (auth.creds.account) throw new Error('the session is already paired')
    await socketOpen
    return { code: await sock.requestPairingCode(phone) }
  },
  async send(request) {
    const { messageId, quotedId } = request
    const quoted = quotedId ? { key: { id: quotedId, remoteJid: request.to, fromMe: false }, message: {} } : undefined
    // one-to-one: to the LID when Baileys knows it, the number beside it (lid-first.js)
    const to = await lidFirst.destination(sock, request.to, messageId)
    // Baileys fails a group invitation when the group has no picture (WhatsApp answers 404): the card goes without one
    const getProfilePicUrl = (jid, type) => sock.profilePictureUrl(jid, type).catch(() => undefined)
    // in a chat with disappearing messages the pod gives the chat's timer: Baileys writes it into the context
    const ephemeralExpiration = request.expiration || undefined
    // a status: its audience and look (statuses.js)
    // an event's change: sealed here and relayed as it is, Baileys has no content for it (events.js)
    // a product card: built here and relayed, Baileys' own uploads a picture (products.js)
    // buttons, lists and carousels: built here and relayed with the <biz> node WhatsApp needs to deliver them (interactive.js)
    const choices = interactive.outgoing(request, to, sock.waUploadToServer)
    const content = () => sock.sendMessage(to, outgoing(request), { messageId, quoted, getProfilePicUrl, ephemeralExpiration,
      ...statusOptions(request.status), ...events.sendOptions(request) }).then(sent => sentMessages.keep(sent, request.status?.audience))
    // a photo or video in HD: its standard copy, then the original associated to it (hd-media.js)
    const withOriginal = () => content().then(async sent => {
      await relayed(to, await hdMedia.originalMessage(sock, request, sent.key, outgoing), hdMedia.copyId(messageId))
      return sent
    })
    const send = request.eventEdit
      ? () => relayed(to, events.edit(request.target, request.eventEdit.calendarEvent, auth.keys, auth.creds.me, to), messageId)
      : request.product ? () => relayed(to, products.message(request.product), messageId)
      : choices ? async () => relayed(to, await choices.message(), messageId, choices.nodes)
      : request.hd && request.media ? withOriginal : content
    // a new sender key in a group once one who had it left (sender-keys.js)
    // to a group: until WhatsApp took it, refused where only admins send (group-posts.js)
    // one-to-one: until WhatsApp took it, with the contact's privacy token (privacy-tokens.js)
    // to a channel: until WhatsApp took it (channels.js)
    const { sent, refused } = to.endsWith('@g.us')
      ? await posts.postAccepted(to, messageId, () => senderKeys.post(sock, to, auth.creds.me, send))
      : channels.isChannel(to) ? await channels.channelAccepted(acked, messageId, send)
      : await tokens.sendAccepted(to, messageId, send)
    if (refused) return { refused }
    remember(sent)
    return { messageId: sent.key.id, timestamp: Number(sent.messageTimestamp) * 1000 }
  },
  // one usync query with the contact and LID protocols, as WhatsApp Web asks (Baileys 7's onWhatsApp leaves the LID out)
  async checkNumbers({ phones }) {
    const query = new USyncQuery().withContactProtocol()
    // Baileys 6.17 has no LID protocol: the numbers come without their LIDs
    if (query.withLIDProtocol) query.withLIDProtocol()
    for (const phone of phones) query.withUser(new USyncUser().withPhone('+' + phone))
    const found = (await sock.executeUSyncQuery(query))?.list.filter(f => f.contact) || []
    return { numbers: found.map(f => ({ phone: f.id.split('@')[0], exists: true, lid: f.lid || null })) }
  },
  async resolveUsername({ username }) {
    return resolveUsername(sock, username)
  },
  // as Baileys 7 blocks (by LID: `jid` the LID, `pn_jid` the number); by number, as Baileys 6 asked and WhatsApp takes,
  // when Baileys 7 refuses because it does not know the other address yet (or is older)
  async block({ jid, blocked }) {
    const action = blocked ? 'block' : 'unblock'
    try {
      await sock.updateBlockStatus(jidNormalizedUser(jid), action)
    } catch (error) {
      if (error?.output?.statusCode !== 400) throw error
      const item = { tag: 'item', attrs: { action, jid: jidNormalizedUser(jid) } }
      await sock.query({ tag: 'iq', attrs: { xmlns: 'blocklist', to: S_WHATSAPP_NET, type: 'set' }, content: [item] })
    }
    return {}
  },
  async blockList() {
    return { jids: (await sock.fetchBlocklist()).map(jid => jidNormalizedUser(jid)) }
  },
  async presence({ available }) {
    online = available
    await sendPresence(available)
    return {}
  },
  async chatState({ chat, state }) {
    await sock.sendPresenceUpdate(CHAT_STATES[state], chat)
    return {}
  },
  async subscribePresence({ jid }) {
    await sock.presenceSubscribe(jid)
    return {}
  },
  // a one-to-one chat's timer (Baileys sends the EPHEMERAL_SETTING protocol message), and the account's default
  // one-to-one, so with the contact's privacy token like any message (privacy-tokens.js)
  async disappearing({ chat, seconds }) {
    const messageId = baileys.api.generateMessageIDV2(sock.user?.id)
    const send = () => sock.sendMessage(chat, { disappearingMessagesInChat: seconds }, { messageId })
    const { refused } = await tokens.sendAccepted(chat, messageId, send)
    if (refused) throw new Error(`WhatsApp refused the chat's timer: ${refused}`)
    return {}
  },
  async defaultDisappearing({ seconds }) {
    await sock.updateDefaultDisappearingMode(seconds)
    return {}
  },
  async rejectCall({ callId, caller }) {
    await sock.rejectCall(callId, caller)
    return {}
  },
  ...groupRequests(socket, groupPairs),
  ...groupExtrasRequests(socket, knownGroup(groupPairs)),
  // the new name into Baileys' credentials: Baileys announces it to WhatsApp, the bridge to the pod (connect())
  ...accountRequests(socket, async name => sock.ev.emit('creds.update', { me: { ...auth.creds.me, name } })),
  ...profileRequests(socket, () => routes.requestOptions),
  ...businessRequests(socket),
  ...chatRequests(socket, appStateVersions),
  ...channels.channelRequests(socket, received),
  async markRead({ keys }) {
    await sock.readMessages(keys.map(k => ({ remoteJid: k.chat, id: k.id, fromMe: k.fromMe, participant: k.participant || undefined })))
    return {}
  },
  // a voice note listened to: WhatsApp's `played` receipt (Baileys' sendReceipt), naming a group note's writer
  async markPlayed({ chat, messageId, participant }) {
    await sock.sendReceipt(chat, participant || undefined, [messageId], 'played')
    return {}
  },
  // `messageId`: a request's own `id` is the protocol's
  async stored({ messageId }) {
    acks.release(messageId)
    return {}
  },
  // a batch the pod kept (`historyDeferred`), downloaded and read now; fails while its blob stays out of reach
  async readHistory({ notificationId, blob }) {
    const context = { creds: auth.creds, signalRepository: socket().signalRepository, keyStore: keyStore(auth.keys) }
    const batch = await history.readKept(notificationId, blob, context, routes.mediaHostOptions)
    return batch || { conversations: [] }
  },
  async restart({ version }) {
    if (version) options.version = version
    const old = sock
    connect()
    old.end(undefined)
    return {}
  },
  async logout() {
    stopping = true
    try {
      await sock.logout()
    } finally {
      stopping = false
    }
    unlinked()
    return {}
  },
  async stop() {
    stopping = true
    sock?.end(undefined)
    return {}
  }
}

// A batch of history: its acknowledgement waits for the pod's `stored`, as a message's does; the keys its
// notification's decryption wrote travel with it. A batch whose blob cannot be downloaded now is handed to the pod to
// keep (`historyDeferred`, acknowledged once kept: WhatsApp would not send it again), which reads it later (`readHistory`).
history.install(async (id, read, notification) => {
  acks.claim(id)
  let batch
  try {
    batch = await read()
  } catch (failed) {
    const keys = acks.keysOf(id)
    const blob = history.locator(notification)
    if (blob) {
      emit({ event: 'historyDeferred', id, blob, reason: String(failed?.message || failed), ...(keys ? { keys } : {}) })
      return
    }
    if (keys) event('keys', { set: keys })
    acks.release(id)
    throw failed
  }
  const keys = acks.keysOf(id)
  emit({ event: 'history', ...batch, ...(keys ? { keys } : {}) })
}, () => routes.mediaHostOptions, logger)

setInterval(() => acks.releaseUnclaimed(() => Boolean(sock?.ev.isBuffering()), keys => event('keys', { set: keys }), logger),
  10000).unref()

readline.createInterface({ input: process.stdin }).on('line', async line => {
  if (!line.trim()) return
  let request
  try {
    request = JSON.parse(line)
    const handler = requests[request.op]
    if (!handler) throw Object.assign(new Error('unknown op ' + request.op), { unsupported: true })
    emit({ id: request.id, ok: true, result: await handler(request) })
  } catch (error) {
    // WhatsApp's refusal of a query carries its code (Boom's data), e.g. 401 for a group request by a non-admin
    const code = Number.isInteger(error?.data) ? error.data : 0
    emit({ id: request?.id ?? null, ok: false, error: { message: String(error?.message || error), unsupported: Boolean(error?.unsupported), code } })
  }
}).on('close', () => {
  stopping = true
  sock?.end(undefined)
  setTimeout(() => process.exit(0), 500)
})
