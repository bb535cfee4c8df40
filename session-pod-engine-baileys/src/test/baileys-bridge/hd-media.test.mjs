// Photos and videos in HD (hd-media.js), run by `node --test` (BridgeScriptsTest) against the Baileys the bridge has
// installed: the original sent after the standard copy, associated to it as WhatsApp's apps associate it, and a phone's
// original read as an update of its standard copy.
import test from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const baileys = require('./baileys.js')
const { proto } = await baileys.load()
const hdMedia = require('./hd-media.js')
const { received, outgoing } = require('./messages.js')

const CHAT = '5511988881012@s.whatsapp.net'
const STANDARD_KEY = { remoteJid: CHAT, fromMe: true, id: '3EB0STANDARD01' }
const IMAGE = {
  url: 'https://mmg.whatsapp.net/v/t62.7118-24/hd_n.enc', mimetype: 'image/jpeg', caption: 'A praia', width: 4000, height: 3000,
  fileSha256: Buffer.alloc(32, 7), fileLength: 2400000, mediaKey: Buffer.alloc(32, 2), fileEncSha256: Buffer.alloc(32, 3),
  directPath: '/v/t62.7118-24/hd_n.enc'
}
const wire = content => proto.Message.decode(proto.Message.encode(content).finish())
const TYPES = proto.MessageAssociation.AssociationType

// Baileys uploads what it is given: the upload answers as WhatsApp's media host does, and tells which file went up
function fakeSocket(uploads) {
  return {
    waUploadToServer: async (path, { mediaType }) => {
      uploads.push(mediaType)
      return { mediaUrl: 'https://mmg.whatsapp.net/v/t62.7118-24/up_n.enc', directPath: '/v/t62.7118-24/up_n.enc' }
    }
  }
}

test('the original of a photo in HD is sent associated to its standard copy as HD_IMAGE_DUAL_UPLOAD', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-'))
  writeFileSync(join(dir, 'standard.jpg'), Buffer.alloc(1000, 1))
  writeFileSync(join(dir, 'original.jpg'), Buffer.alloc(5000, 2))
  const request = {
    to: CHAT, mentions: [], messageId: '3EB0STANDARD01',
    media: { kind: 'IMAGE', path: join(dir, 'standard.jpg'), mimeType: 'image/jpeg', caption: 'A praia', width: 1600, height: 1200,
      thumbnail: Buffer.alloc(10, 9).toString('base64') },
    hd: { path: join(dir, 'original.jpg'), mimeType: 'image/jpeg', width: 4000, height: 3000, thumbnail: Buffer.alloc(10, 9).toString('base64') }
  }
  const standard = outgoing(request)
  assert.equal(standard.image.url, join(dir, 'standard.jpg'), 'the standard copy goes first, as any photo')
  assert.equal(standard.width, 1600)

  const uploads = []
  const sent = wire(await hdMedia.originalMessage(fakeSocket(uploads), request, STANDARD_KEY, outgoing))
  const association = sent.messageContextInfo.messageAssociation
  assert.equal(association.associationType, TYPES.HD_IMAGE_DUAL_UPLOAD)
  assert.deepEqual({ ...association.parentMessageKey }, STANDARD_KEY)
  assert.equal(sent.messageContextInfo.messageSecret.length, 32)
  const original = sent.associatedChildMessage.message.imageMessage
  assert.equal(Number(original.fileLength), 5000, 'the HD message carries the original file')
  assert.deepEqual([original.width, original.height, original.caption], [4000, 3000, 'A praia'])
  assert.deepEqual(uploads, ['image'])
})

test('the original of a video in HD is associated as HD_VIDEO_DUAL_UPLOAD', () => {
  const message = hdMedia.copyMessage({ videoMessage: { seconds: 3 } }, 'VIDEO', STANDARD_KEY)
  assert.equal(message.messageContextInfo.messageAssociation.associationType, TYPES.HD_VIDEO_DUAL_UPLOAD)
  assert.equal(message.associatedChildMessage.message.videoMessage.seconds, 3)
})

test('the original\'s message id is made from the standard copy\'s, the same at each send', () => {
  assert.equal(hdMedia.copyId('3EB0STANDARD01'), hdMedia.copyId('3EB0STANDARD01'))
  assert.notEqual(hdMedia.copyId('3EB0STANDARD01'), hdMedia.copyId('3EB0STANDARD02'))
  assert.notEqual(hdMedia.copyId('3EB0STANDARD01'), '3EB0STANDARD01')
})

test('a phone\'s HD original is an update of its standard photo carrying the original file', () => {
  const phoneKey = { remoteJid: CHAT, fromMe: false, id: '3EB0PHONEHD01' }
  const message = wire({
    messageContextInfo: { messageSecret: Buffer.alloc(32, 5), messageAssociation: { associationType: TYPES.HD_IMAGE_DUAL_UPLOAD,
      parentMessageKey: { remoteJid: CHAT, fromMe: true, id: '3EB0PHONESTD01' } } },
    associatedChildMessage: { message: { imageMessage: IMAGE } }
  })
  const line = received({ key: phoneKey, message, messageTimestamp: 1795668282 }, 'notify')
  assert.equal(line.event, 'update')
  assert.deepEqual(line.target, { chat: CHAT, id: '3EB0PHONESTD01', fromMe: false, sender: CHAT })
  assert.equal(line.hd.kind, 'IMAGE')
  assert.equal(line.hd.size, 2400000)
  assert.deepEqual([line.hd.width, line.hd.height], [4000, 3000])
})

test('another association (a motion photo) is no HD original', () => {
  const message = wire({
    messageContextInfo: { messageAssociation: { associationType: TYPES.MOTION_PHOTO, parentMessageKey: STANDARD_KEY } },
    associatedChildMessage: { message: { videoMessage: { seconds: 2 } } }
  })
  const line = received({ key: { remoteJid: CHAT, fromMe: false, id: '3EB0MOTION01' }, message, messageTimestamp: 1795668282 }, 'notify')
  assert.equal(line?.hd, undefined)
})
