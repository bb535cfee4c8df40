// What the session sent, found by id for Baileys' getMessage (sent-messages.js), run by `node --test` (BridgeScriptsTest).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const { keep, getMessage } = require('./sent-messages.js')

test('a message sent to a LID is found when the retry receipt names the number', async () => {
  const content = { conversation: 'Chega às 15h.' }
  keep({ key: { id: '3EB0R1', remoteJid: '324929858388656@lid', fromMe: true }, message: content })
  assert.deepEqual(await getMessage({ id: '3EB0R1', remoteJid: '5511988881067@s.whatsapp.net', fromMe: true }), content)
})

test('what was never sent is not found', async () => {
  assert.equal(await getMessage({ id: '3EB0NEVER', remoteJid: '5511988881067@s.whatsapp.net' }), undefined)
})
