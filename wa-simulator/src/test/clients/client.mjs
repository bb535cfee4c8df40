// Drives one unmodified public client (an npm package: argv[2]) against wa-simulator, for IndependentClientsIT.
// Reports what the client sees as JSON lines on stdout: {"qr"} for every QR it shows, {"open"} with the identity it
// keeps once linked, {"message"} for every message it receives, {"sent"} for what it sent, {"close"} when it gives up.
// Takes commands as JSON lines on stdin: {"send":{"to","text"}}, {"end":true} (closes the connection and exits, its
// credentials kept, as a process that stops), {"logout":true} (unlinks the device, as the user's "Log out").
// The simulator is reached as WhatsApp is: HTTPS_PROXY (its CONNECT proxy) and NODE_EXTRA_CA_CERTS (its TLS CA);
// WA_ROOT_KEY is the simulator's Noise root key, which clients that pin WhatsApp's root (Baileys 7) are given in place
// of WhatsApp's, as a client of any test server is given that server's trust anchor.
import { createInterface } from 'node:readline'
import { HttpsProxyAgent } from 'https-proxy-agent'

const [, , clientPackage, authDir] = process.argv
const imported = await import(clientPackage)
const client = imported.useMultiFileAuthState ? imported : imported.default
const makeWASocket = typeof client.makeWASocket === 'function' ? client.makeWASocket : client.default
const agent = new HttpsProxyAgent(process.env.HTTPS_PROXY)
if (client.WA_CERT_DETAILS?.PUBLIC_KEY && process.env.WA_ROOT_KEY) {
  client.WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(process.env.WA_ROOT_KEY, 'base64')
}

const report = line => process.stdout.write(JSON.stringify(line) + '\n')
const quiet = () => {}
const logger = {
  level: 'warn', child: () => logger, trace: quiet, debug: quiet, info: quiet,
  warn: (...args) => process.stderr.write('warn ' + JSON.stringify(args) + '\n'),
  error: (...args) => process.stderr.write('error ' + JSON.stringify(args) + '\n'),
  fatal: (...args) => process.stderr.write('fatal ' + JSON.stringify(args) + '\n')
}

let socket
async function connect () {
  const { state, saveCreds } = await client.useMultiFileAuthState(authDir)
  socket = makeWASocket({ auth: state, agent, fetchAgent: agent, logger, markOnlineOnConnect: false })
  socket.ev.on('creds.update', saveCreds)
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
      const text = message.message?.conversation ?? message.message?.extendedTextMessage?.text ?? null
      report({ message: { chat: message.key.remoteJid, alt: message.key.remoteJidAlt ?? message.key.senderPn ?? null, id: message.key.id, fromMe: !!message.key.fromMe, text } })
    }
  })
}

createInterface({ input: process.stdin }).on('line', async line => {
  const command = JSON.parse(line)
  try {
    if (command.send) {
      const sent = await socket.sendMessage(command.send.to, { text: command.send.text })
      report({ sent: { id: sent.key.id, to: sent.key.remoteJid } })
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
    report({ failed: { command, error: String(error?.stack ?? error) } })
  }
}).on('close', () => process.exit(0))

await connect()
