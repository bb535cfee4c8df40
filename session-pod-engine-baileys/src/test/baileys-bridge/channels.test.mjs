// Channels as the bridge reads WhatsApp's answers (channels.js), run by `node --test` (BridgeScriptsTest): a channel's
// metadata in the protocol's names, a post of a history answer with its counts, a new channel without a picture (which
// Baileys' newsletterCreate cannot read), and a refusal carrying WhatsApp's code.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
await require('./baileys.js').load()
const { proto } = require('./baileys.js').api
const { channelRequests, channel, post } = require('./channels.js')
const { received } = require('./messages.js')

const CHANNEL = '120363000000000238@newsletter'
const node = (tag, attrs, content) => ({ tag, attrs, ...(content ? { content } : {}) })
const metadata = (picture, viewer) => ({
  id: CHANNEL, state: { type: 'ACTIVE' },
  thread_metadata: { creation_time: '1764140000', invite: '0029VaJornal', name: { id: '1', text: 'Jornal do Bairro' },
    description: { id: '2', text: '' }, subscribers_count: '3', verification: 'UNVERIFIED', picture },
  ...(viewer ? { viewer_metadata: viewer } : {})
})
// a socket whose query answers the mex `query` with `document`
const answering = document => ({
  query: async () => node('iq', { type: 'result' }, [node('result', {}, Buffer.from(JSON.stringify(document)))])
})

test('a channel is read in the protocol\'s names, its role the account\'s (GUEST without viewer metadata)', () => {
  assert.deepEqual(channel(metadata({ id: '9', direct_path: '/v/t61/pic' }, { role: 'subscriber', mute: 'ON' })), {
    jid: CHANNEL, name: 'Jornal do Bairro', description: '', invite: '0029VaJornal', picture: 'https://mmg.whatsapp.net/v/t61/pic',
    verified: false, role: 'SUBSCRIBER', subscribers: 3, muted: true
  })
  assert.equal(channel(metadata(null)).role, 'GUEST')
  assert.equal(channel(metadata(null)).picture, null)
})

test('a new channel without a picture is answered as the channel its owner sees', async () => {
  const requests = channelRequests(() => answering({ data: { xwa2_newsletter_create: metadata(null, { role: 'OWNER', mute: 'OFF' }) } }))
  const created = await requests.channelCreate({ name: 'Jornal do Bairro' })
  assert.equal(created.role, 'OWNER')
  assert.equal(created.jid, CHANNEL)
})

test('WhatsApp\'s refusal of a channel query carries its code', async () => {
  const requests = channelRequests(() => answering({ data: { xwa2_newsletter_create: null },
    errors: [{ message: 'Not allowed', extensions: { error_code: 403 } }] }))
  await assert.rejects(requests.channelCreate({ name: 'x' }), error => error.data === 403 && /Not allowed/.test(error.message))
})

test('a post of a history answer carries its content as a received message, its views and reactions as the account sees them', () => {
  const text = proto.Message.encode({ conversation: 'Feira no sábado' }).finish()
  const answer = node('message', { id: '3EB0A1', server_id: '101', t: '1764140100', type: 'text' }, [
    node('plaintext', {}, text), node('views_count', { count: '4' }),
    node('reactions', {}, [node('reaction', { code: '👍', count: '2', is_sender: 'true' }), node('reaction', { code: '❤', count: '1' })])
  ])
  const read = post(CHANNEL, answer, received)
  assert.equal(read.serverId, 101)
  assert.equal(read.id, '3EB0A1')
  assert.equal(read.timestamp, 1764140100000)
  assert.equal(read.content.text, 'Feira no sábado')
  assert.equal(read.views, 4)
  assert.deepEqual(read.reactions, { '👍': 2, '❤': 1 })
  assert.equal(read.myReaction, '👍')
})

test('a followed channel\'s post, as Baileys hands it over, names its number in the channel', () => {
  const line = received({ key: { remoteJid: CHANNEL, id: '3EB0A2', fromMe: false, server_id: '102' },
    message: { conversation: 'Bolo hoje' }, messageTimestamp: 1764140200 }, 'notify')
  assert.equal(line.chat, CHANNEL)
  assert.equal(line.sender, CHANNEL)
  assert.equal(line.channelServerId, 102)
})
