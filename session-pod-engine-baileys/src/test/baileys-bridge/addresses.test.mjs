// Both addresses of a person (a LID and its number) as the bridge reports them (`address`), on either Baileys line, run by
// `node --test` (BridgeScriptsTest). WhatsApp writes the other address beside the one it addresses a message by, and
// each history batch its pairs; Baileys 7 reads both, Baileys 6.17 neither, so the bridge reads them itself.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const { proto } = await require('./baileys.js').load()
const { addresses, keepSendersOtherAddress } = require('./messages.js')
const { pairsWritten } = require('./history-sync.js')

const LID = '324929858388656@lid'
const NUMBER = '5511988881012@s.whatsapp.net'

test('a LID-addressed contact\'s message, its key as Baileys 6.17 makes it, names the number WhatsApp wrote beside it', () => {
  const key = { remoteJid: LID, fromMe: false, id: '3EB0A' }
  keepSendersOtherAddress({ tag: 'message', attrs: { from: LID, sender_pn: NUMBER, id: '3EB0A' } }, key)
  assert.deepEqual(addresses(key), [{ lid: LID, pn: NUMBER }])
})

test('a number-addressed contact\'s message names the LID WhatsApp wrote beside it', () => {
  const key = { remoteJid: NUMBER, fromMe: false, id: '3EB0B' }
  keepSendersOtherAddress({ tag: 'message', attrs: { from: NUMBER, sender_lid: LID, id: '3EB0B' } }, key)
  assert.deepEqual(addresses(key), [{ lid: LID, pn: NUMBER }])
})

test('in a LID-addressed group the member\'s number comes from participant_pn', () => {
  const key = { remoteJid: '120363000000000001@g.us', participant: LID, fromMe: false, id: '3EB0C' }
  keepSendersOtherAddress({ tag: 'message', attrs: { from: key.remoteJid, participant: LID, participant_pn: NUMBER,
    addressing_mode: 'lid', id: '3EB0C' } }, key)
  assert.deepEqual(addresses(key), [{ lid: LID, pn: NUMBER }])
})

test('a key Baileys 7 made (the other address in it) and the account\'s own messages are left as they are', () => {
  const seven = { remoteJid: LID, remoteJidAlt: NUMBER, fromMe: false, id: '3EB0D' }
  keepSendersOtherAddress({ attrs: { from: LID, sender_pn: '5511900000000@s.whatsapp.net' } }, seven)
  assert.equal(seven.remoteJidAlt, NUMBER)
  const own = { remoteJid: LID, fromMe: true, id: '3EB0E' }
  keepSendersOtherAddress({ attrs: { from: '5511999990012@s.whatsapp.net', recipient: LID, sender_pn: NUMBER } }, own)
  assert.deepEqual(addresses(own), [])
})

test('a history batch\'s pairs: its phoneNumberToLidMappings and each conversation\'s other address', () => {
  const sync = proto.HistorySync.decode(proto.HistorySync.encode({
    syncType: proto.HistorySync.HistorySyncType.RECENT,
    phoneNumberToLidMappings: [{ pnJid: NUMBER, lidJid: LID }],
    conversations: [{ id: '5511980000002@s.whatsapp.net', lidJid: '900000000000002@lid' },
      { id: '900000000000003@lid', pnJid: '5511980000003@s.whatsapp.net' }, { id: '120363000000000001@g.us' }]
  }).finish())
  assert.deepEqual(pairsWritten(sync), [{ lid: LID, pn: NUMBER },
    { lid: '900000000000002@lid', pn: '5511980000002@s.whatsapp.net' },
    { lid: '900000000000003@lid', pn: '5511980000003@s.whatsapp.net' }])
})
