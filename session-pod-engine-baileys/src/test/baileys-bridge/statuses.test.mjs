// Statuses as the bridge sends and reads them (statuses.js), run by `node --test` (BridgeScriptsTest).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const { statusOptions, statusLook } = require('./statuses.js')

test('a status goes to the audience the pod names, drawn as it says; anything else has no status options', () => {
  assert.deepEqual(statusOptions({ backgroundColor: '#FF25D366', font: 1, audience: ['5511988880138@s.whatsapp.net'] }),
    { statusJidList: ['5511988880138@s.whatsapp.net'], backgroundColor: '#FF25D366', font: 1 })
  assert.deepEqual(statusOptions({ backgroundColor: null, font: 0, audience: [] }), { statusJidList: [] })
  assert.deepEqual(statusOptions(undefined), {})
})

test('a contact\'s text status keeps its background (#AARRGGBB) and font; a chat\'s text has no look', () => {
  const status = { key: { remoteJid: 'status@broadcast' }, message: { extendedTextMessage: { text: 'Bom dia!', backgroundArgb: 0xFF8A2BE2, font: 3 } } }
  assert.deepEqual(statusLook(status), { backgroundColor: '#FF8A2BE2', font: 3 })
  const signed = { key: { remoteJid: 'status@broadcast' }, message: { extendedTextMessage: { text: 'x', backgroundArgb: -7722014 } } }
  assert.deepEqual(statusLook(signed), { backgroundColor: '#FF8A2BE2', font: null })
  assert.equal(statusLook({ key: { remoteJid: '5511988880138@s.whatsapp.net' }, message: status.message }), null)
})
