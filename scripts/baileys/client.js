// One WhatsApp session on Baileys (from npm), for the memory comparison in docs/benchmarks.md (benchmarks/
// MemoryBenchmark.java starts it). Routed to wa-simulator like the session pod: HTTPS CONNECT through the simulator's
// proxy (SIM_PROXY=http://127.0.0.1:port), its CA trusted through NODE_EXTRA_CA_CERTS. It writes the QR to QR_FILE,
// POSTs every message event to WEBHOOK_URL (as the pod's webhook does) and serves a small control API on CONTROL_PORT:
// POST /send {to, text}, GET /state.
// BAILEYS_DIR: take the `baileys` package installed under that directory instead of this one's Baileys 6 (the benchmark's
// variant node7 points it at the session pod's bridge, whose package-lock pins the Baileys 7 the engine runs). 7.x is an
// ES module, 6.x CommonJS: both are loaded by import().
const http = require('node:http')
const { pathToFileURL } = require('node:url')
const { HttpsProxyAgent } = require('https-proxy-agent')
const fs = require('node:fs')

const agent = new HttpsProxyAgent(process.env.SIM_PROXY)
const state = { connected: false, received: 0, sent: 0 }
let sock
let makeWASocket, useMultiFileAuthState, DisconnectReason

async function loadBaileys() {
  const entry = process.env.BAILEYS_DIR
    ? require.resolve('baileys', { paths: [process.env.BAILEYS_DIR] })
    : require.resolve('@whiskeysockets/baileys')
  const module = await import(pathToFileURL(entry).href)
  // CommonJS (6.x) arrives as the default export of the namespace, an ES module (7.x) as the namespace itself
  const lib = module.default?.useMultiFileAuthState ? module.default : module
  ;({ useMultiFileAuthState, DisconnectReason } = lib)
  makeWASocket = lib.makeWASocket ?? lib.default
}

async function start() {
  const { state: auth, saveCreds } = await useMultiFileAuthState(process.env.AUTH_DIR)
  sock = makeWASocket({ auth, agent, fetchAgent: agent, printQRInTerminal: false, markOnlineOnConnect: false,
    syncFullHistory: false, logger: require('pino')({ level: 'warn' }) })
  sock.ev.on('creds.update', saveCreds)
  sock.ev.on('connection.update', ({ connection, qr, lastDisconnect }) => {
    // Baileys 7 wraps the payload in a link to the phone's linked-devices screen; a scanner reads the payload alone
    if (qr) fs.writeFileSync(process.env.QR_FILE, qr.slice(qr.indexOf('#') + 1))
    if (connection === 'open') state.connected = true
    if (connection === 'close') {
      state.connected = false
      const code = lastDisconnect?.error?.output?.statusCode
      if (code !== DisconnectReason.loggedOut) setTimeout(start, 1000)
    }
  })
  sock.ev.on('messages.upsert', ({ messages }) => {
    for (const m of messages) {
      if (m.key.fromMe) state.sent++
      else state.received++
      hook(m.key.fromMe ? 'message.sent' : 'message.received', m)
    }
  })
}

function hook(event, message) {
  if (!process.env.WEBHOOK_URL) return
  fetch(process.env.WEBHOOK_URL, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kubezap-event': event },
    body: JSON.stringify({ event, data: { id: message.key.id, chat: message.key.remoteJid, message: message.message } }) })
    .catch(() => {})
}

http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/state') {
    res.writeHead(200, { 'content-type': 'application/json' })
    return res.end(JSON.stringify(state))
  }
  if (req.method === 'POST' && req.url === '/send') {
    let body = ''
    req.on('data', c => { body += c })
    req.on('end', async () => {
      try {
        const { to, text } = JSON.parse(body)
        await sock.sendMessage(to.includes('@') ? to : to + '@s.whatsapp.net', { text })
        res.writeHead(202).end()
      } catch (e) {
        res.writeHead(500).end(String(e))
      }
    })
    return
  }
  // a full V8 collection (node --expose-gc), so that the benchmark can read Baileys' floor beside the pod's after its own
  if (req.method === 'POST' && req.url === '/gc') {
    if (typeof global.gc !== 'function') return res.writeHead(501).end('run node with --expose-gc')
    global.gc()
    return res.writeHead(204).end()
  }
  res.writeHead(404).end()
}).listen(Number(process.env.CONTROL_PORT), '127.0.0.1')

loadBaileys().then(start)
