// The bridge's reading of received messages (messages.js) on either Baileys line, run by `node --test`
// (BridgeScriptsTest) against the Baileys the bridge has installed. Baileys 6's protobuf classes answer a field a
// message does not carry with proto3's default ('', 0, false) from the class's prototype, Baileys 7's with null: a
// message is what its sender wrote, whichever Baileys decoded it.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const baileys = require('./baileys.js')
const { proto } = await baileys.load()
// messages.js takes Baileys' export when it is loaded
const { received } = require('./messages.js')

const KEY = { remoteJid: '5511988881012@s.whatsapp.net', id: '3EB0PHONE0001', fromMe: false }
const IMAGE = {
  url: 'https://mmg.whatsapp.net/v/t62.7118-24/1_n.enc', mimetype: 'image/png', caption: 'Olha a foto',
  fileSha256: Buffer.alloc(32, 1), fileLength: 9332, mediaKey: Buffer.alloc(32, 2), fileEncSha256: Buffer.alloc(32, 3),
  directPath: '/v/t62.7118-24/1_n.enc'
}
const EDIT = { key: { ...KEY, fromMe: true }, type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
  editedMessage: { imageMessage: { caption: 'Nova legenda' } } }

// As Baileys 6.17 hands a decoded message over: the fields it carries are its own, any other is the prototype's default
const baileys6 = (fields, defaults) => Object.assign(Object.create(defaults), fields)
const MESSAGE_DEFAULTS = { conversation: '', extendedTextMessage: null, imageMessage: null, protocolMessage: null }
const MEDIA_DEFAULTS = { seconds: 0, width: 0, height: 0, isAnimated: false, gifPlayback: false, fileName: '', caption: '' }

const wire = content => proto.Message.decode(proto.Message.encode(content).finish())
const shapes = (content, shapedAsBaileys6) => [
  [`decoded by the installed Baileys ${baileys.version()}`, wire(content)], ['in Baileys 6.17\'s shape', shapedAsBaileys6]
]
const arrived = message => received({ key: KEY, message, messageTimestamp: 1795668282 }, 'notify')

for (const [shape, message] of shapes({ imageMessage: IMAGE },
  baileys6({ imageMessage: baileys6(IMAGE, MEDIA_DEFAULTS) }, MESSAGE_DEFAULTS))) {
  test(`a phone's picture is a picture with its caption, not a text (${shape})`, () => {
    const line = arrived(message)
    assert.equal(line.event, 'message')
    assert.equal(line.text, null, 'a picture has no text of its own: its caption is the media\'s')
    assert.equal(line.media?.kind, 'IMAGE')
    assert.equal(line.media.caption, 'Olha a foto')
    assert.equal(line.media.size, 9332)
  })

  test(`what a picture's sender did not write stays absent (${shape})`, () => {
    const { media } = arrived(message)
    assert.deepEqual({ seconds: media.seconds, width: media.width, height: media.height, animated: media.animated,
      gifPlayback: media.gifPlayback, fileName: media.fileName },
    { seconds: null, width: null, height: null, animated: null, gifPlayback: null, fileName: null })
  })
}

for (const [shape, message] of shapes({ extendedTextMessage: { text: 'Bom dia' } },
  baileys6({ extendedTextMessage: baileys6({ text: 'Bom dia' }, { text: '' }) }, MESSAGE_DEFAULTS))) {
  test(`a text is its text (${shape})`, () => {
    const line = arrived(message)
    assert.equal(line.text, 'Bom dia')
    assert.equal(line.media, null)
  })
}

for (const [shape, message] of shapes({ protocolMessage: EDIT }, baileys6({ protocolMessage: baileys6({ ...EDIT,
  editedMessage: baileys6({ imageMessage: baileys6(EDIT.editedMessage.imageMessage, MEDIA_DEFAULTS) }, MESSAGE_DEFAULTS)
}, { type: 0 }) }, MESSAGE_DEFAULTS))) {
  test(`an edited caption is the edit's text (${shape})`, () => {
    const line = received({ key: { ...KEY, fromMe: true }, message, messageTimestamp: 1795668282 }, 'notify')
    assert.equal(line.event, 'update')
    assert.equal(line.edit, 'Nova legenda')
  })
}

// An album as the apps send it: the album's first message with its counts, then each file associated to it
const ALBUM_KEY = { remoteJid: KEY.remoteJid, fromMe: true, id: '3EB0ALBUM0001' }
test('an album\'s first message is an album with its expected counts', () => {
  const line = arrived(wire({ albumMessage: { expectedImageCount: 2, expectedVideoCount: 1 } }))
  assert.equal(line.event, 'message')
  assert.deepEqual(line.album, { expectedImageCount: 2, expectedVideoCount: 1 })
  assert.equal(line.albumId, null, 'the album itself belongs to none')
})

test('a picture associated to an album as MEDIA_ALBUM names the album', () => {
  const association = type => ({ associationType: type, parentMessageKey: ALBUM_KEY, messageIndex: 0 })
  const inAlbum = arrived(wire({ imageMessage: IMAGE,
    messageContextInfo: { messageAssociation: association(proto.MessageAssociation.AssociationType.MEDIA_ALBUM) } }))
  assert.equal(inAlbum.media?.kind, 'IMAGE')
  assert.equal(inAlbum.albumId, '3EB0ALBUM0001')
  const otherwise = arrived(wire({ imageMessage: IMAGE,
    messageContextInfo: { messageAssociation: association(proto.MessageAssociation.AssociationType.EVENT_COVER_IMAGE) } }))
  assert.equal(otherwise.albumId, null, 'another association is no album')
})

// An album sent: its first message as Baileys' album content, then each file naming it as the account's own message
test('an album is sent as an albumMessage, each of its files associated to it as MEDIA_ALBUM', async () => {
  const { outgoing } = require('./messages.js')
  const { generateWAMessageContent } = await baileys.load()
  const first = await generateWAMessageContent(outgoing({ to: KEY.remoteJid, mentions: [],
    album: { expectedImageCount: 2, expectedVideoCount: 1 } }), {})
  assert.equal(first.albumMessage.expectedImageCount, 2)
  assert.equal(first.albumMessage.expectedVideoCount, 1)

  const file = outgoing({ to: KEY.remoteJid, mentions: [], albumParent: '3EB0ALBUM0001',
    media: { kind: 'IMAGE', path: '/tmp/sala.jpg', mimeType: 'image/jpeg', caption: 'Sala' } })
  assert.deepEqual(file.albumParentKey, ALBUM_KEY)
  assert.equal(file.caption, 'Sala')
  assert.equal(outgoing({ to: KEY.remoteJid, mentions: [], text: 'oi', albumParent: '3EB0ALBUM0001' }).albumParentKey,
    undefined, 'only a file belongs to an album')
})
