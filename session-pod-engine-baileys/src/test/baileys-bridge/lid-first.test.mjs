// One-to-one sends to the LID when Baileys knows it, the number beside it (lid-first.js), run by `node --test`
// (BridgeScriptsTest): the address chosen, and the stanza as it is encoded.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
await require('./baileys.js').load()
const { destination, withNumberBeside } = require('./lid-first.js')

const LID = '324929858388656@lid'
const NUMBER = '5511988881067@s.whatsapp.net'
const sock = lids => ({
  user: { id: '5511999990067:1@s.whatsapp.net' },
  signalRepository: { lidMapping: { getLIDForPN: async pn => lids[pn] || null } }
})

test('a number whose LID Baileys knows is sent to by LID, its stanza naming the number as peer_recipient_pn', async () => {
  assert.equal(await destination(sock({ [NUMBER]: LID }), NUMBER, '3EB0L1'), LID)
  const stanza = withNumberBeside({ tag: 'message', attrs: { id: '3EB0L1', to: LID, type: 'text' }, content: [] })
  assert.equal(stanza.attrs.peer_recipient_pn, NUMBER)
  assert.equal(stanza.attrs.to, LID)
})

test('a number without a known LID, a group and the account itself keep their address, and no number is added', async () => {
  assert.equal(await destination(sock({}), NUMBER, '3EB0L2'), NUMBER)
  assert.equal(await destination(sock({ [NUMBER]: LID }), '120363000000000067@g.us', '3EB0L3'), '120363000000000067@g.us')
  assert.equal(await destination(sock({ '5511999990067@s.whatsapp.net': LID }), '5511999990067@s.whatsapp.net', '3EB0L4'),
    '5511999990067@s.whatsapp.net')
  const other = { tag: 'message', attrs: { id: '3EB0L2', to: NUMBER }, content: [] }
  assert.equal(withNumberBeside(other), other)
})
