// Drives one unmodified public client (an npm package: argv[2]) against wa-simulator, for IndependentClientsIT.
// Reports what the client sees as JSON lines on stdout: {"qr"} for every QR it shows, {"open"} with the identity it
// keeps once linked, {"message"} for every message it receives (and {"media"} once it downloaded a message's file),
// {"update"} for its sent messages' status changes (the recipients' receipts), {"history"} for every history batch (and
// {"media"} with `history` true once it downloaded the file of a message in it),
// {"chats"}, {"contacts"} and {"me"} for what app state told it, {"reaction"}, {"edited"} and {"revoked"} for what others did
// to messages, {"vote"} for a vote on one of its polls (decrypted with the client's decryptPollVote), {"tally"} for the
// poll's votes as the client itself decrypted and counted them (Baileys 6.17's messages.update pollUpdates), {"call"} and
// {"presence"} for those events, {"close"} when it gives up.
// Takes commands as JSON lines on stdin, each answered by one line naming it (or {"failed"}):
//   {"send":{"to","text"}} or {"send":{"to","media":{"kind":"image|document|…","data":<base64>,"mimetype","fileName","caption"}}} → {"sent"}
//   {"send":{"to","poll":{"name","values","selectableCount"}}} → {"sent"}
//   {"react":{"to","key","text"}}, {"edit":{"to","key","text"}}, {"revoke":{"to","key"}} → {"sent"}
//   {"fetchHistory":{"count","key","timestamp"}} (asks the phone for older messages of key's chat) → {"historyRequested"}
//   {"subscribe":{"jid"}} (presence) → {"subscribed"}; {"presence":{"type","to"}} → {"presenceSent"}
//   {"rejectCall":{"id","from"}} → {"rejected"}
//   {"read":{"key"}} (marks a received message read) → {"marked"}
//   {"archive":{"chat","archive"}} (archives the chat, from its newest message the client saw) → {"archived"}
//   {"rename":{"name"}} (the account's push name) → {"renamed"}
//   {"storedLids":[<number JID>…]} (what its LID store holds for those numbers, read from its auth state) → {"storedLids"}
//   {"end":true} (closes the connection and exits, its credentials kept, as a process that stops)
//   {"logout":true} (unlinks the device, as the user's "Log out") → {"loggedOut"}
// The simulator is reached as WhatsApp is: HTTPS_PROXY (its CONNECT proxy) and NODE_EXTRA_CA_CERTS (its TLS CA), through
// each client's documented options for a proxy (Baileys 7 makes HTTP requests with Node.js's fetch, which takes an
// undici dispatcher; Baileys 6 with axios, which takes an agent); WA_ROOT_KEY is the simulator's Noise root key, which
// clients that pin WhatsApp's root (Baileys 7) are given in place of WhatsApp's, as a client of any test server is given
// that server's trust anchor.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createInterface } from 'node:readline'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { ProxyAgent } from 'undici'

const [, , clientPackage, authDir] = process.argv
const imported = await import(clientPackage)
const client = imported.useMultiFileAuthState ? imported : imported.default
const makeWASocket = typeof client.makeWASocket === 'function' ? client.makeWASocket : client.default
const version = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`${clientPackage}/package.json`))).version
const agent = new HttpsProxyAgent(process.env.HTTPS_PROXY)
const http = Number(version.split('.')[0]) >= 7
  ? { options: { dispatcher: new ProxyAgent(process.env.HTTPS_PROXY) } }
  : { options: { httpsAgent: agent, proxy: false } }
if (client.WA_CERT_DETAILS?.PUBLIC_KEY && process.env.WA_ROOT_KEY) {
  client.WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(process.env.WA_ROOT_KEY, 'base64')
}

const plain = (key, value) => typeof value === 'bigint' ? Number(value)
  : value?.low !== undefined && value?.high !== undefined && Object.keys(value).length <= 3 ? value.low + value.high * 2 ** 32
    : value?.type === 'Buffer' ? '<bytes>' : value
const report = line => process.stdout.write(JSON.stringify(line, plain) + '\n')
const quiet = () => {}
const logger = {
  level: 'warn', child: () => logger, trace: quiet, debug: quiet, info: quiet,
  warn: (...args) => process.stderr.write('warn ' + JSON.stringify(args) + '\n'),
  error: (...args) => process.stderr.write('error ' + JSON.stringify(args) + '\n'),
  fatal: (...args) => process.stderr.write('fatal ' + JSON.stringify(args) + '\n')
}
const MEDIA = ['imageMessage', 'videoMessage', 'audioMessage', 'documentMessage', 'stickerMessage']
const newest = new Map()
// the messages it sent, by id: what a client's own store keeps (a poll's secret, which votes on it are decrypted with)
const sentMessages = new Map()

let socket
let keys
async function connect () {
  const { state, saveCreds } = await client.useMultiFileAuthState(authDir)
  keys = state.keys
  // getMessage: the client's documented hook into its user's message store (here, what it sent), which it reads a poll's
  // secret from to decrypt votes itself (Baileys 6.17; 7 leaves that to its users) and resends from on retry receipts
  socket = makeWASocket({ auth: state, agent, fetchAgent: agent, ...http, logger, markOnlineOnConnect: false,
    getMessage: async key => sentMessages.get(key.id)?.message })
  socket.ev.on('creds.update', update => {
    saveCreds()
    if (update.me?.name) report({ me: { name: update.me.name } })
  })
  socket.ev.on('connection.update', update => {
    if (update.qr) report({ qr: update.qr })
    if (update.connection === 'open') {
      setTimeout(() => report({ open: { id: state.creds.me?.id, lid: state.creds.me?.lid ?? null } }), 500)
    }
    if (update.connection === 'close') {
      const status = update.lastDisconnect?.error?.output?.statusCode
      if (status === client.DisconnectReason.restartRequired) {
        connect()
        return
      }
      report({ close: status ?? null, message: update.lastDisconnect?.error?.message ?? null })
    }
  })
  socket.ev.on('messages.upsert', ({ messages }) => {
    for (const message of messages) {
      received(message)
      // a receipt that arrives while the client buffers its events is folded into the sent message's upsert (Baileys'
      // event buffer merges a pending messages.update into it), so no messages.update follows: report it from here
      if (message.key.fromMe && typeof message.status === 'number' && message.status > 1) {
        report({ update: { id: message.key.id, chat: message.key.remoteJid, status: message.status } })
      }
    }
  })
  socket.ev.on('messages.update', updates => {
    for (const { key, update } of updates) {
      if (update.status !== undefined && update.status !== null) report({ update: { id: key.id, chat: key.remoteJid, status: update.status } })
      const edited = update.message?.editedMessage?.message
      if (edited) {
        report({ edited: { id: key.id, chat: key.remoteJid, text: edited.conversation ?? edited.extendedTextMessage?.text ?? null } })
      }
      if (update.messageStubType === client.WAMessageStubType.REVOKE) report({ revoked: { id: key.id, chat: key.remoteJid } })
      if (update.pollUpdates && sentMessages.has(key.id)) {
        const tally = client.getAggregateVotesInPollMessage({ message: sentMessages.get(key.id).message, pollUpdates: update.pollUpdates })
        report({ tally: { pollId: key.id, options: tally.filter(option => option.voters.length > 0).map(option => option.name) } })
      }
    }
  })
  socket.ev.on('messaging-history.set', ({ chats, messages, syncType, isLatest, progress, peerDataRequestSessionId }) => {
    report({ history: { syncType: syncType ?? null, isLatest: isLatest ?? null, progress: progress ?? null,
      requestId: peerDataRequestSessionId ?? null,
      chats: chats.map(chat => chat.id), messages: messages.map(message => message.key.id) } })
    for (const message of messages) {
      const content = client.extractMessageContent(message.message)
      const type = content ? client.getContentType(content) : null
      if (MEDIA.includes(type)) download(message, content, type, true)
    }
  })
  socket.ev.on('messages.reaction', reactions => {
    for (const { key, reaction } of reactions) {
      report({ reaction: { id: key.id, chat: key.remoteJid, text: reaction.text ?? '', from: reaction.key?.remoteJid ?? null } })
    }
  })
  socket.ev.on('call', calls => {
    for (const call of calls) report({ call: { id: call.id, from: call.from, chat: call.chatId, status: call.status, isVideo: !!call.isVideo } })
  })
  socket.ev.on('presence.update', ({ id, presences }) => report({ presence: { id, presences } }))
  socket.ev.on('chats.update', updates => report({ chats: updates }))
  socket.ev.on('contacts.upsert', contacts => report({ contacts }))
  socket.ev.on('contacts.update', contacts => report({ contacts }))
}

function received (message) {
  const key = message.key
  newest.set(key.remoteJid, { key, messageTimestamp: message.messageTimestamp })
  const content = client.extractMessageContent(message.message)
  const type = content ? client.getContentType(content) : null
  const text = content?.conversation ?? content?.extendedTextMessage?.text ?? null
  report({ message: { chat: key.remoteJid, alt: key.remoteJidAlt ?? key.senderPn ?? null, id: key.id, fromMe: !!key.fromMe,
    participant: key.participant ?? null, participantAlt: key.participantAlt ?? key.participantPn ?? null, key, type, text,
    caption: content?.[type]?.caption ?? null, poll: poll(content) } })
  if (content?.pollUpdateMessage) vote(message, content.pollUpdateMessage)
  if (MEDIA.includes(type)) download(message, content, type, false)
}

// The message's file, downloaded from the media host and decrypted as its users do (downloadMediaMessage)
function download (message, content, type, history) {
  const id = message.key.id
  client.downloadMediaMessage(message, 'buffer', http)
    .then(bytes => report({ media: { id, history, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length,
      mimetype: content[type].mimetype ?? null, fileName: content[type].fileName ?? null } }))
    .catch(error => report({ media: { id, history, error: String(error?.stack ?? error) } }))
}

// A vote on one of its polls, decrypted as the client's users do (Baileys 7 leaves it to them; its decryptPollVote)
function vote (message, update) {
  const pollId = update.pollCreationMessageKey?.id
  const poll = sentMessages.get(pollId)?.message
  if (!poll) return
  const creation = poll.pollCreationMessage ?? poll.pollCreationMessageV2 ?? poll.pollCreationMessageV3
  const voter = client.jidNormalizedUser(message.key.participant || message.key.remoteJid)
  const creator = client.jidNormalizedUser(socket.user.id)
  try {
    const decrypted = client.decryptPollVote(update.vote, {
      pollCreatorJid: creator, pollMsgId: pollId, pollEncKey: poll.messageContextInfo.messageSecret, voterJid: voter
    })
    const chosen = decrypted.selectedOptions.map(hash => Buffer.from(hash).toString('hex'))
    const options = creation.options.map(option => option.optionName)
      .filter(name => chosen.includes(createHash('sha256').update(Buffer.from(name)).digest('hex')))
    report({ vote: { pollId, voter, options } })
  } catch (error) {
    report({ vote: { pollId, voter, error: String(error?.stack ?? error) } })
  }
}

function poll (content) {
  const creation = content?.pollCreationMessage ?? content?.pollCreationMessageV2 ?? content?.pollCreationMessageV3
  return creation ? { name: creation.name, options: creation.options.map(option => option.optionName) } : null
}

function content (send) {
  if (send.poll) return { poll: send.poll }
  if (!send.media) return { text: send.text }
  const { kind, data, mimetype, fileName, caption } = send.media
  return { [kind]: Buffer.from(data, 'base64'), mimetype, ...(fileName ? { fileName } : {}), ...(caption ? { caption } : {}) }
}

createInterface({ input: process.stdin }).on('line', async line => {
  const command = JSON.parse(line)
  try {
    const sending = command.send ? [command.send.to, content(command.send)]
      : command.react ? [command.react.to, { react: { text: command.react.text, key: command.react.key } }]
        : command.edit ? [command.edit.to, { text: command.edit.text, edit: command.edit.key }]
          : command.revoke ? [command.revoke.to, { delete: command.revoke.key }] : null
    if (sending) {
      const sent = await socket.sendMessage(...sending)
      sentMessages.set(sent.key.id, sent)
      if (command.send) newest.set(sent.key.remoteJid, { key: sent.key, messageTimestamp: sent.messageTimestamp })
      report({ sent: { id: sent.key.id, to: sent.key.remoteJid, key: sent.key } })
    }
    if (command.fetchHistory) {
      const { count, key, timestamp } = command.fetchHistory
      report({ historyRequested: await socket.fetchMessageHistory(count, key, timestamp) ?? true })
    }
    if (command.subscribe) {
      await socket.presenceSubscribe(command.subscribe.jid)
      report({ subscribed: true })
    }
    if (command.presence) {
      await socket.sendPresenceUpdate(command.presence.type, command.presence.to)
      report({ presenceSent: true })
    }
    if (command.rejectCall) {
      await socket.rejectCall(command.rejectCall.id, command.rejectCall.from)
      report({ rejected: true })
    }
    if (command.read) {
      await socket.readMessages([command.read.key])
      report({ marked: true })
    }
    if (command.archive) {
      const last = newest.get(command.archive.chat)
      await socket.chatModify({ archive: command.archive.archive, lastMessages: last ? [last] : [] }, command.archive.chat)
      report({ archived: true })
    }
    if (command.storedLids) {
      const users = command.storedLids.map(jid => jid.split('@')[0])
      report({ storedLids: await keys.get('lid-mapping', users) })
    }
    if (command.rename) {
      await socket.updateProfileName(command.rename.name)
      report({ renamed: true })
    }
    if (command.end) {
      socket.end(undefined)
      setTimeout(() => process.exit(0), 500)
    }
    if (command.logout) {
      await socket.logout()
      report({ loggedOut: true })
    }
  } catch (error) {
    report({ failed: { command: Object.keys(command), error: String(error?.stack ?? error) } })
  }
}).on('close', () => process.exit(0))

await connect()
