// One-to-one sends to the LID when Baileys knows it, with the number beside it (`peer_recipient_pn`), as whatsmeow sends
// since July 2026 (commit 4f8f64e0, "send: always use LID for DMs"). Baileys 7 rc14 sends to whichever address it is given
// and names no number beside a LID, and its sendMessage passes no stanza attributes on: the number is added where Baileys
// encodes the stanza (encodeBinaryNode, wrapped through baileys.js), for the message's id, retries included.
'use strict'
const baileys = require('./baileys')

// message id → the number a message sent to a LID names beside it; the oldest forgotten beyond KEPT
const besides = new Map()
const KEPT = 2000

// the address to send `to`'s message `messageId` to: its LID when Baileys knows it, else `to` as it is
async function destination(sock, to, messageId) {
  const { jidNormalizedUser } = baileys.api
  if (!/@s\.whatsapp\.net$/.test(to || '') || !messageId || to === jidNormalizedUser(sock.user?.id)) return to
  const lid = await sock.signalRepository.lidMapping.getLIDForPN(to).catch(() => null)
  if (!lid) return to
  besides.set(messageId, to)
  if (besides.size > KEPT) besides.delete(besides.keys().next().value)
  return jidNormalizedUser(lid)
}

function withNumberBeside(node) {
  const number = node?.tag === 'message' ? besides.get(node.attrs?.id) : undefined
  if (!number || !/@lid$/.test(node.attrs.to || '') || node.attrs.peer_recipient_pn) return node
  return { ...node, attrs: { ...node.attrs, peer_recipient_pn: number } }
}

baileys.wrap('lib/WABinary/encode.js', 'encodeBinaryNode', original => (node, ...rest) => original(withNumberBeside(node), ...rest))

module.exports = { destination, withNumberBeside }
