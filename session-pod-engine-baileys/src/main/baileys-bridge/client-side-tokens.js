// Client-side privacy tokens (`<cstoken>`, whatsmeow PR #1102 `cstoken.go`): HMAC-SHA256 under the account's NCT salt
// of the recipient's LID (`<user>@lid`), which WhatsApp takes in place of the contact's trusted-contact token. The salt
// comes in the initial history sync (`HistorySync.nctSalt`, 19, which Baileys 7 rc14's proto does not know: read from the
// raw bytes) and is kept in the auth state the pod keeps (`nct-salt`). A one-to-one message Baileys sends without a
// `<tctoken>` (none known, or the one known lapsed) gets a `<cstoken>` when the salt and the recipient's LID are known,
// added as Baileys encodes the stanza (baileys.js wraps encodeBinaryNode; the look-ups are synchronous, in the auth
// state the bridge holds in memory).
'use strict'
const { createHmac } = require('node:crypto')
const baileys = require('./baileys')

const NCT_SALT = 19
const SALT_KEY = 'account'

// the bytes of top-level length-delimited field `field` of a protobuf message, or null
function topLevelBytes(buffer, field) {
  let offset = 0
  const varint = () => {
    let value = 0
    let shift = 0
    for (;;) {
      const byte = buffer[offset++]
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
      shift += 7
    }
  }
  while (offset < buffer.length) {
    const tag = varint()
    const wire = tag % 8
    if (wire === 0) varint()
    else if (wire === 1) offset += 8
    else if (wire === 5) offset += 4
    else if (wire === 2) {
      const length = varint()
      if (Math.floor(tag / 8) === field) return buffer.subarray(offset, offset + length)
      offset += length
    } else return null
  }
  return null
}

// keeps the salt an inflated HistorySync carries; true when it carried one
async function keepSalt(inflatedSync, keyStore) {
  const salt = topLevelBytes(inflatedSync, NCT_SALT)
  if (!salt?.length || !keyStore) return false
  await keyStore.set({ 'nct-salt': { [SALT_KEY]: Buffer.from(salt) } })
  return true
}

function isOneToOneMessage(node, me) {
  const to = node?.attrs?.to || ''
  if (node?.tag !== 'message' || node.attrs.category === 'peer' || !/@(s\.whatsapp\.net|lid)$/.test(to)) return false
  if (!Array.isArray(node.content) || !node.content.some(child => child.tag === 'participants')) return false
  if (node.content.some(child => child.tag === 'tctoken' || child.tag === 'cstoken')) return false
  const user = to.split('@')[0].split(':')[0]
  return ![me?.id, me?.lid].some(own => own && own.split('@')[0].split(':')[0] === user)
}

// `keys()`: the auth state's keys, `creds()`: its credentials, both as the bridge holds them now
function installClientSideTokens(keys, creds) {
  baileys.wrap('lib/WABinary/encode.js', 'encodeBinaryNode', encode => (node, ...rest) => {
    if (isOneToOneMessage(node, creds()?.me)) {
      const token = clientSideToken(keys(), node.attrs.to)
      if (token) node = { ...node, content: [...node.content, { tag: 'cstoken', attrs: {}, content: token }] }
    }
    return encode(node, ...rest)
  })
}

function clientSideToken(keys, to) {
  const salt = keys?.['nct-salt']?.[SALT_KEY]
  const user = to.split('@')[0].split(':')[0]
  const lid = to.endsWith('@lid') ? user : keys?.['lid-mapping']?.[user]
  if (!salt?.length || typeof lid !== 'string') return null
  return createHmac('sha256', Buffer.from(salt)).update(`${lid}@lid`).digest()
}

module.exports = { keepSalt, installClientSideTokens, topLevelBytes }
