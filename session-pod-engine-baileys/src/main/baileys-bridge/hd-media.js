// Photos and videos in HD (PROTOCOL.md, `send` with `hd`; the `update` event with `hd`). WhatsApp's apps send a photo or
// video "in HD" as two messages: first a standard-quality copy, as any photo or video, then the original in a message of
// its own that holds it in `associatedChildMessage` and names the first by its key in `messageContextInfo.messageAssociation`
// (HD_IMAGE_DUAL_UPLOAD or HD_VIDEO_DUAL_UPLOAD). The receiving app shows the first with an HD badge and the original
// when asked; an app that knows no association shows the first alone. Baileys has no content for the second: it is built
// here and relayed.
'use strict'
const { createHash, randomBytes } = require('node:crypto')
const { generateWAMessageContent, proto } = require('./baileys').api

const TYPES = { IMAGE: 'HD_IMAGE_DUAL_UPLOAD', VIDEO: 'HD_VIDEO_DUAL_UPLOAD' }

// The original's own message id, made from the standard copy's: a send made again (after a restart) reuses both, so
// WhatsApp shows each once
function copyId(messageId) {
  return '3EB0' + createHash('sha256').update('hd:' + messageId).digest('hex').slice(0, 18).toUpperCase()
}

// The message that carries the original (`content`: Baileys' generated content of it), naming the standard copy
// `parentKey` (the account's own message), with a fresh secret as the apps give every message
function copyMessage(content, kind, parentKey) {
  const original = kind === 'VIDEO' ? { videoMessage: content.videoMessage } : { imageMessage: content.imageMessage }
  return {
    messageContextInfo: {
      messageSecret: randomBytes(32),
      messageAssociation: {
        associationType: proto.MessageAssociation.AssociationType[TYPES[kind]],
        parentMessageKey: { remoteJid: parentKey.remoteJid, fromMe: true, id: parentKey.id }
      }
    },
    associatedChildMessage: { message: original }
  }
}

// The original of the `send` request (its `hd` file in the place of the standard copy: `build` is messages.js' `outgoing`),
// uploaded, as the message that follows the standard copy sent as `parentKey`
async function originalMessage(sock, request, parentKey, build) {
  const content = await generateWAMessageContent(build({ ...request, hd: undefined, media: { ...request.media, ...request.hd } }),
    { upload: sock.waUploadToServer })
  return copyMessage(content, request.media.kind, parentKey)
}

// A received message that carries an HD original (itself, or inside the disappearing-messages wrapper): the key of the
// standard copy it names and the original's message; else null
function received(message) {
  const carrier = message?.associatedChildMessage ? message : message?.ephemeralMessage?.message
  const association = carrier?.messageContextInfo?.messageAssociation
  const types = proto.MessageAssociation.AssociationType
  const hd = association?.associationType === types.HD_IMAGE_DUAL_UPLOAD || association?.associationType === types.HD_VIDEO_DUAL_UPLOAD
  const original = carrier?.associatedChildMessage?.message
  return hd && original && association.parentMessageKey?.id ? { parentKey: association.parentMessageKey, message: original } : null
}

module.exports = { copyId, copyMessage, originalMessage, received }
