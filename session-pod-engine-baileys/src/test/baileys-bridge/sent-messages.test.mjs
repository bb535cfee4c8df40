// What the session sent, answered to retry receipts through Baileys' getMessage (sent-messages.js), run by
// `node --test` (BridgeScriptsTest). WhatsApp relays retry receipts unchecked: only the chat a message went to gets it.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
await require('./baileys.js').load()
const { keep, answering } = require('./sent-messages.js')

const CUSTOMER = '5511988881067@s.whatsapp.net'
const CUSTOMER_LID = '324929858388656@lid'
const STRANGER = '5511977771068@s.whatsapp.net'
const GROUP = '120363040000000001@g.us'
const quiet = { warn () {} }
const ownCache = { getRecentMessage: () => ({ message: { conversation: 'from Baileys own cache' } }) }
const sock = {
  authState: { creds: { me: { id: '5511999991066:3@s.whatsapp.net', lid: '111111111111111:3@lid' } } },
  signalRepository: { lidMapping: { getLIDForPN: async pn => (pn === CUSTOMER ? CUSTOMER_LID : null) } },
  groupMetadata: async () => ({ participants: [{ id: CUSTOMER_LID, phoneNumber: CUSTOMER }] }),
  messageRetryManager: ownCache
}
const getMessage = answering(sock, quiet)

test('a message sent to a LID is found when the retry receipt names the number', async () => {
  const content = { conversation: 'Chega às 15h.' }
  keep({ key: { id: '3EB0R1', remoteJid: CUSTOMER_LID, fromMe: true }, message: content })
  assert.deepEqual(await getMessage({ id: '3EB0R1', remoteJid: CUSTOMER, fromMe: true }), content)
})

test('what was never sent is not found', async () => {
  assert.equal(await getMessage({ id: '3EB0NEVER', remoteJid: CUSTOMER }), undefined)
})

test('someone else who asks for a message by its id gets nothing', async () => {
  keep({ key: { id: '3EB0R2', remoteJid: CUSTOMER, fromMe: true }, message: { conversation: 'Seu código é 4821.' } })
  assert.equal(await getMessage({ id: '3EB0R2', remoteJid: STRANGER, fromMe: true }), undefined)
  assert.equal(await getMessage({ id: '3EB0R2', remoteJid: GROUP, participant: STRANGER, fromMe: true }), undefined)
})

test('an edited message is given as it reads now, a deleted one not at all', async () => {
  keep({ key: { id: '3EB0R3', remoteJid: CUSTOMER, fromMe: true }, message: { conversation: 'Chega às 15h.' } })
  keep({ key: { id: '3EB0E3', remoteJid: CUSTOMER, fromMe: true }, message: { protocolMessage: {
    key: { id: '3EB0R3', remoteJid: CUSTOMER, fromMe: true }, type: 14, editedMessage: { conversation: 'Chega às 17h.' } } } })
  assert.deepEqual(await getMessage({ id: '3EB0R3', remoteJid: CUSTOMER, fromMe: true }), { conversation: 'Chega às 17h.' })

  keep({ key: { id: '3EB0D3', remoteJid: CUSTOMER, fromMe: true }, message: { protocolMessage: {
    key: { id: '3EB0R3', remoteJid: CUSTOMER, fromMe: true }, type: 0 } } })
  assert.equal(await getMessage({ id: '3EB0R3', remoteJid: CUSTOMER, fromMe: true }), undefined)
})

test('a group post goes to a member who asks, not to one who is not in the group', async () => {
  const post = { conversation: 'Reunião às 10h.' }
  keep({ key: { id: '3EB0G1', remoteJid: GROUP, fromMe: true }, message: post })
  assert.deepEqual(await getMessage({ id: '3EB0G1', remoteJid: GROUP, participant: `${CUSTOMER_LID.replace('@', ':2@')}`, fromMe: true }), post)
  assert.equal(await getMessage({ id: '3EB0G1', remoteJid: GROUP, participant: STRANGER, fromMe: true }), undefined)
})

test("Baileys' own recent-message cache, which knows neither chats' members nor edits, answers nothing", () => {
  assert.equal(ownCache.getRecentMessage(STRANGER, '3EB0R2'), undefined)
})
