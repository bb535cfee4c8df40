// The Baileys bridge's memory, idle and linked (not a test): RSS of its node process after a link by QR, a text each way
// with a phone by number and one by LID, a number check, then IDLE seconds (default 60) of nothing.
// Against a running standalone wa-simulator:
//   java -jar wa-simulator/target/kubezap-wa-simulator-*-standalone.jar --proxy-port=18443 --control-port=18091 &
//   openssl pkcs12 -in wa-simulator-truststore.p12 -passin pass:changeit -nokeys -out ca.pem
//   CONTROL=http://127.0.0.1:18091 CA=ca.pem BRIDGE=session-pod-engine-baileys/src/main/baileys-bridge node benchmarks/bridge-memory.js
// (a fresh simulator per run: the phones it makes must not exist yet). BRIDGE may be any bridge directory with its
// packages installed, e.g. an older checkout's, to compare Baileys releases. Prints the events, then "RSS <kB> anon <kB>".
'use strict'
const { spawn } = require('node:child_process')
const readline = require('node:readline')
const fs = require('node:fs')
const CONTROL = process.env.CONTROL
const BRIDGE = process.env.BRIDGE
const IDLE = Number(process.env.IDLE || 60)
const OWNER = '5511999995201', CUSTOMER = '5511988885202', LIDC = '5511988885203'
const post = async (path, body) => { const r = await fetch(CONTROL + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }); const t = await r.text(); if (!r.ok) throw new Error(path + ' ' + r.status + ' ' + t); return t ? JSON.parse(t) : {} }
const get = async path => (await fetch(CONTROL + path)).json()
;(async () => {
  const info = await get('/api/info')
  await post('/api/phones', { number: OWNER, pushName: 'Loja' })
  await post('/api/phones', { number: CUSTOMER, pushName: 'Ana' })
  const lidc = await post('/api/phones', { number: LIDC, pushName: 'Lia', lidAddressed: true })
  const env = { ...process.env, HTTPS_PROXY: `http://${info.proxyHost}:${info.proxyPort}`, NODE_EXTRA_CA_CERTS: process.env.CA, KUBEZAP_BAILEYS_NOISE_ROOT_KEY: info.noiseRootPublicKey }
  const child = spawn('node', ['bridge.js'], { cwd: BRIDGE, env, stdio: ['pipe', 'pipe', 'inherit'] })
  let nextId = 1
  const waiting = new Map(), events = []
  const waiters = []
  const call = (op, fields = {}) => new Promise((resolve, reject) => { const id = nextId++; waiting.set(id, { resolve, reject }); child.stdin.write(JSON.stringify({ id, op, ...fields }) + '\n') })
  const until = (pred, ms = 60000) => new Promise((resolve, reject) => { const hit = events.find(pred); if (hit) return resolve(hit); const t = setTimeout(() => reject(new Error('timeout')), ms); waiters.push({ pred, resolve: e => { clearTimeout(t); resolve(e) } }) })
  readline.createInterface({ input: child.stdout }).on('line', line => {
    const msg = JSON.parse(line)
    if (msg.id && waiting.has(msg.id) && 'ok' in msg) { const w = waiting.get(msg.id); waiting.delete(msg.id); msg.ok ? w.resolve(msg.result) : w.reject(new Error(JSON.stringify(msg.error))); return }
    if (msg.event === 'auth' || msg.event === 'keys') { if (msg.event !== 'keys') console.log('EVENT auth'); return }
    console.log('EVENT', line.slice(0, 300))
    events.push(msg)
    if (msg.event === 'message' || msg.event === 'history' || msg.event === 'update') call('stored', { messageId: msg.id }).catch(() => {})
    for (const w of [...waiters]) if (w.pred(msg)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(msg) }
  })
  await call('start', { auth: {}, history: 'Recent', markOnline: false })
  const qr = await until(e => e.event === 'qr')
  console.log('SCAN', JSON.stringify(await post(`/api/phones/${OWNER}/scan`, { qr: qr.qr })))
  await until(e => e.event === 'open', 90000)
  const sent = await post(`/api/phones/${CUSTOMER}/messages`, { to: OWNER, text: 'Oi, pelo numero' })
  await until(e => e.event === 'message' && e.id === sent.id)
  const lidSent = await post(`/api/phones/${LIDC}/messages`, { to: OWNER, text: 'Oi, pelo LID' })
  await until(e => e.event === 'message' && e.id === lidSent.id)
  console.log('SEND', JSON.stringify(await call('send', { to: CUSTOMER + '@s.whatsapp.net', messageId: '3EB0SMOKE0001', text: 'Ola Ana' })))
  console.log('SEND LID', JSON.stringify(await call('send', { to: lidc.lid, messageId: '3EB0SMOKE0002', text: 'Ola Lia' })))
  console.log('CHECK', JSON.stringify(await call('checkNumbers', { phones: [CUSTOMER, LIDC] })))
  await new Promise(r => setTimeout(r, 3000))
  console.log("PHONE GOT", JSON.stringify(await get(`/api/phones/${CUSTOMER}/messages`)).slice(0, 400)); console.log("LID PHONE GOT", JSON.stringify(await get(`/api/phones/${LIDC}/messages`)).slice(0, 400))
  await new Promise(r => setTimeout(r, IDLE * 1000))
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
  console.log('RSS', status.match(/VmRSS:\s+(\d+)/)[1], 'kB', 'anon', status.match(/RssAnon:\s+(\d+)/)[1], 'kB')
  child.stdin.end()
  setTimeout(() => process.exit(0), 1500)
})().catch(e => { console.error('FAILED', e); process.exit(1) })
