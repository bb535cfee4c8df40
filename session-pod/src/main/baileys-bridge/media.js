// Downloads a received file (PROTOCOL.md, `download`): fetched, decrypted by Baileys, checked against its SHA-256 and
// written to the pod's path; on failure nothing is left there.
'use strict'
const crypto = require('node:crypto')
const fs = require('node:fs')
const { pipeline } = require('node:stream/promises')
const { Transform } = require('node:stream')
const { downloadContentFromMessage } = require('@whiskeysockets/baileys')
const { writeWhole } = require('./files')

const MEDIA_TYPES = { IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio', VOICE: 'audio', DOCUMENT: 'document', STICKER: 'sticker' }

async function download({ kind, url, directPath, mediaKey, fileSha256, target }, agent) {
  if (!mediaKey || !(url || directPath)) throw new Error('the message names no file to download')
  await writeWhole(target, async partial => {
    const hash = crypto.createHash('sha256')
    const file = await downloadContentFromMessage({ mediaKey: Buffer.from(mediaKey, 'base64'), directPath, url },
      MEDIA_TYPES[kind], { options: agent ? { httpsAgent: agent, proxy: false } : {} })
    const hashing = new Transform({ transform(chunk, encoding, done) { hash.update(chunk); done(null, chunk) } })
    await pipeline(file, hashing, fs.createWriteStream(partial))
    if (fileSha256 && hash.digest('base64') !== fileSha256) throw new Error('the file does not match its SHA-256')
  })
  return {}
}

module.exports = { download }
