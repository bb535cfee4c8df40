// Buttons and lists as the bridge sends them, and a reader's choice as it reads one (interactive.js), run by `node --test`
// (BridgeScriptsTest) against the Baileys the bridge has installed: what goes out must survive WhatsApp's protobuf.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const baileys = require('./baileys.js')
const { proto } = await baileys.load()
const { outgoing } = require('./interactive.js')
const { received } = require('./messages.js')

const CHAT = '5511988881012@s.whatsapp.net'
// a 1x1 PNG, as the pod's media store holds a card's picture
const PICTURE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
const wire = content => proto.Message.decode(proto.Message.encode(content).finish())
const arrived = message => received({ key: { remoteJid: CHAT, id: '3EB0PHONE0002', fromMe: false }, message, messageTimestamp: 1795668282 }, 'notify')
const BUTTONS = { text: 'Confirma a revisão?', footer: 'Oficina', buttons: [{ id: 'sim', text: 'Sim' }, { id: 'nao', text: 'Não' }] }
const LIST = { text: 'Escolha o horário', footer: null, buttonText: 'Ver horários',
  sections: [{ title: 'Manhã', rows: [{ id: '9h', title: '09:00', description: 'Com café' }] }, { title: 'Tarde', rows: [{ id: '14h', title: '14:00' }] }] }

test('buttons go as quick replies of an interactive message, with the <biz> native-flow node and, to a person, the bot node', async () => {
  const { message, nodes } = outgoing({ buttons: BUTTONS }, CHAT)
  const decoded = wire(await message()).interactiveMessage
  assert.equal(decoded.body.text, 'Confirma a revisão?')
  assert.equal(decoded.footer.text, 'Oficina')
  assert.deepEqual(decoded.nativeFlowMessage.buttons.map(b => [b.name, JSON.parse(b.buttonParamsJson)]),
    [['quick_reply', { display_text: 'Sim', id: 'sim' }], ['quick_reply', { display_text: 'Não', id: 'nao' }]])
  assert.deepEqual(nodes.map(node => node.tag), ['biz', 'bot'])
  assert.deepEqual(nodes[0].content[0].content[0].attrs, { v: '9', name: 'mixed' })
  assert.deepEqual(outgoing({ buttons: BUTTONS }, '120363025246125244@g.us').nodes.map(node => node.tag), ['biz'])
})

test('a list goes as a single-select list message with the <biz> list node', async () => {
  const { message, nodes } = outgoing({ list: LIST }, CHAT)
  const decoded = wire(await message()).listMessage
  assert.equal(decoded.description, 'Escolha o horário')
  assert.equal(decoded.buttonText, 'Ver horários')
  assert.equal(decoded.listType, proto.Message.ListMessage.ListType.SINGLE_SELECT)
  assert.deepEqual(decoded.sections.map(s => [s.title, s.rows.map(r => r.rowId)]), [['Manhã', ['9h']], ['Tarde', ['14h']]])
  assert.deepEqual(nodes[0].content[0], { tag: 'list', attrs: { type: 'product_list', v: '2' } })
  assert.equal(outgoing({ text: 'oi' }, CHAT), null)
})

test('a carousel goes as an interactive message of cards in order, each picture uploaded once as a photo, with the native-flow node', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carousel-'))
  const cards = ['basico', 'pro'].map((name, i) => {
    const path = join(dir, name + '.png')
    writeFileSync(path, PICTURE)
    return { image: { mimeType: 'image/png', path }, title: name === 'pro' ? 'Pro' : null, body: 'Plano ' + name, footer: null,
      buttons: [{ id: name + '-quero', text: 'Quero' }, { id: name + '-info', text: 'Detalhes' }] }
  })
  const uploads = []
  const upload = async (file, { mediaType }) => {
    uploads.push(mediaType)
    return { mediaUrl: 'https://mmg.whatsapp.net/v/' + uploads.length, directPath: '/v/' + uploads.length }
  }
  const { message, nodes } = outgoing({ carousel: { text: 'Nossos planos', footer: 'Oficina', cards } }, CHAT, upload)
  const built = await message()
  assert.equal(await message(), built, 'sent again (a refused privacy token), it is not uploaded again')
  const decoded = wire(built).interactiveMessage
  assert.equal(decoded.body.text, 'Nossos planos')
  assert.equal(decoded.footer.text, 'Oficina')
  assert.deepEqual(uploads, ['image', 'image'])
  assert.deepEqual(decoded.carouselMessage.cards.map(card => [card.header.title, card.body.text, card.header.hasMediaAttachment,
    card.header.imageMessage.directPath, card.header.imageMessage.mimetype, card.header.imageMessage.mediaKey.length]),
  [[null, 'Plano basico', true, '/v/1', 'image/png', 32], ['Pro', 'Plano pro', true, '/v/2', 'image/png', 32]])
  assert.deepEqual(decoded.carouselMessage.cards[1].nativeFlowMessage.buttons.map(b => [b.name, JSON.parse(b.buttonParamsJson)]),
    [['quick_reply', { display_text: 'Quero', id: 'pro-quero' }], ['quick_reply', { display_text: 'Detalhes', id: 'pro-info' }]])
  assert.deepEqual(nodes, outgoing({ buttons: BUTTONS }, CHAT).nodes)

  const echoed = arrived(wire(built)).carousel
  assert.deepEqual(echoed.cards.map(card => [card.title, card.body, card.image.mimeType, card.buttons.map(b => b.id)]),
    [[null, 'Plano basico', 'image/png', ['basico-quero', 'basico-info']], ['Pro', 'Plano pro', 'image/png', ['pro-quero', 'pro-info']]])
})

test('a tap on a native-flow button is a button reply naming its id and the message it answers', () => {
  const line = arrived(wire({ interactiveResponseMessage: { body: { text: 'Sim' },
    nativeFlowResponseMessage: { name: 'quick_reply', paramsJson: JSON.stringify({ id: 'sim' }), version: 1 },
    contextInfo: { stanzaId: '3EB0BUTTONS01' } } }))
  assert.deepEqual(line.reply, { type: 'button_reply', selectedId: 'sim', selectedText: 'Sim' })
  assert.equal(line.quotedId, '3EB0BUTTONS01')
  assert.equal(line.text, null)
})

test('a chosen row and the older button replies are read as well', () => {
  assert.deepEqual(arrived(wire({ listResponseMessage: { title: '14:00', listType: 1, singleSelectReply: { selectedRowId: '14h' },
    contextInfo: { stanzaId: '3EB0LIST01' } } })).reply, { type: 'list_reply', selectedId: '14h', selectedText: '14:00' })
  assert.deepEqual(arrived(wire({ buttonsResponseMessage: { selectedButtonId: 'nao', selectedDisplayText: 'Não' } })).reply,
    { type: 'button_reply', selectedId: 'nao', selectedText: 'Não' })
  assert.deepEqual(arrived(wire({ templateButtonReplyMessage: { selectedId: 'sim', selectedDisplayText: 'Sim' } })).reply,
    { type: 'button_reply', selectedId: 'sim', selectedText: 'Sim' })
})
