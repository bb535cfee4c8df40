// The session pod's Baileys engine: one WhatsApp session on an unmodified Baileys, driven by the pod over stdio with
// line-delimited JSON (PROTOCOL.md). The pod keeps the session's auth state: it hands it over in `start` and this
// bridge pushes every change back (`auth`, `keys` events) before it is used, so nothing lives only in Baileys' files.
// stdout carries protocol lines only; logs go to stderr.
'use strict'
const readline = require('node:readline')
const {
  default: makeWASocket, BufferJSON, initAuthCreds, proto, DisconnectReason, jidNormalizedUser
} = require('@whiskeysockets/baileys')
const pino = require('pino')

const logger = pino({ level: process.env.BRIDGE_LOG_LEVEL || 'warn', serializers: { error: pino.stdSerializers.err } },
  pino.destination(2))
const OUTDATED_RETRY_MS = 5000
const RECEIPTS = { 3: 'DELIVERED', 4: 'READ', 5: 'PLAYED' }

let auth
let options
let sock
let stopping = false
let socketOpen
let qrCount

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
      event('keys', { set: data })
    }
  }
}

function proxyAgent() {
  const proxy = process.env.HTTPS_PROXY || process.env.https_proxy
  if (!proxy) return undefined
  const { HttpsProxyAgent } = require('https-proxy-agent')
  return new HttpsProxyAgent(proxy)
}

function connect() {
  const agent = proxyAgent()
  qrCount = 0
  let opened
  socketOpen = new Promise(resolve => { opened = resolve })
  sock = makeWASocket({
    auth: { creds: auth.creds, keys: keyStore(auth.keys) }, agent, fetchAgent: agent, logger,
    printQRInTerminal: false, markOnlineOnConnect: Boolean(options.markOnline), syncFullHistory: false,
    // the pod stores what it sends itself; history is not synced (the pod keeps what arrives from linking on)
    emitOwnEvents: false, shouldSyncHistoryMessage: () => false,
    ...(options.version ? { version: options.version.split('.').map(Number) } : {})
  })
  const current = sock
  sock.ev.on('creds.update', () => event('auth', { creds: auth.creds }))
  sock.ev.on('connection.update', update => {
    if (current !== sock) return
    if (update.qr) {
      opened()
      event('qr', { qr: update.qr, ttlMs: qrCount++ ? 20000 : 60000 })
    }
    if (update.connection === 'connecting') event('connecting', {})
    if (update.connection === 'open') {
      const me = auth.creds.me || {}
      event('open', { jid: jidNormalizedUser(me.id), name: me.name || null })
    }
    if (update.connection === 'close') closed(update.lastDisconnect?.error)
  })
  sock.ev.on('messages.upsert', ({ messages, type }) => {
    for (const m of messages) incoming(m, type)
  })
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
    event('closed', { code, message, outdated: true, retryInMs: OUTDATED_RETRY_MS })
    return
  }
  // 515 after pairing (restart required) and every transient drop: connect again, credentials kept
  const delayMs = code === DisconnectReason.restartRequired ? 0 : 2000
  event('closed', { code: code ?? null, message, retryInMs: delayMs })
  setTimeout(() => { if (!stopping) connect() }, delayMs)
}

// Unlinked (by the phone or a logout): the old keys are worthless; pairing starts over with fresh credentials.
function unlinked() {
  auth = { creds: initAuthCreds(), keys: {} }
  event('auth', { creds: auth.creds, reset: true })
  connect()
}

function textOf(message) {
  if (!message) return undefined
  return message.conversation ?? message.extendedTextMessage?.text
}

function incoming(m, type) {
  const message = m.message
  if (!message || message.protocolMessage || message.reactionMessage) return
  if (Object.keys(message).every(k => k === 'senderKeyDistributionMessage' || k === 'messageContextInfo')) return
  const context = message.extendedTextMessage?.contextInfo
  const text = textOf(message)
  const kind = Object.keys(message).find(k => k !== 'messageContextInfo' && k !== 'senderKeyDistributionMessage')
  event('message', {
    id: m.key.id, chat: m.key.remoteJid, sender: m.key.participant || m.key.remoteJid, fromMe: Boolean(m.key.fromMe),
    pushName: m.pushName || null, timestamp: Number(m.messageTimestamp) * 1000, upsert: type,
    text: text ?? null, kind, quotedId: context?.stanzaId || null, mentions: context?.mentionedJid || []
  })
}

const requests = {
  async start(request) {
    options = request
    const stored = request.auth ? JSON.parse(JSON.stringify(request.auth), BufferJSON.reviver) : {}
    auth = { creds: stored.creds || initAuthCreds(), keys: stored.keys || {} }
    if (!stored.creds) event('auth', { creds: auth.creds })
    connect()
    return {}
  },
  async pairingCode({ phone }) {
    if (auth.creds.account) throw new Error('the session is already paired')
    await socketOpen
    return { code: await sock.requestPairingCode(phone) }
  },
  async send({ to, messageId, text, quotedId, mentions }) {
    const content = { text }
    if (mentions?.length) content.mentions = mentions
    const quoted = quotedId ? { key: { id: quotedId, remoteJid: to, fromMe: false }, message: {} } : undefined
    const sent = await sock.sendMessage(to, content, { messageId, quoted })
    return { messageId: sent.key.id, timestamp: Number(sent.messageTimestamp) * 1000 }
  },
  async markRead({ keys }) {
    await sock.readMessages(keys.map(k => ({ remoteJid: k.chat, id: k.id, fromMe: k.fromMe, participant: k.participant || undefined })))
    return {}
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

readline.createInterface({ input: process.stdin }).on('line', async line => {
  if (!line.trim()) return
  let request
  try {
    request = JSON.parse(line)
    const handler = requests[request.op]
    if (!handler) throw Object.assign(new Error('unknown op ' + request.op), { unsupported: true })
    emit({ id: request.id, ok: true, result: await handler(request) })
  } catch (error) {
    emit({ id: request?.id ?? null, ok: false, error: { message: String(error?.message || error), unsupported: Boolean(error?.unsupported) } })
  }
}).on('close', () => {
  stopping = true
  sock?.end(undefined)
  setTimeout(() => process.exit(0), 500)
})
