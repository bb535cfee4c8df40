// What the session sent lately, by message id, for Baileys' getMessage: a device that could not decrypt a message asks
// for it again with a retry receipt, and Baileys resends only what it finds. Its own recent-message cache files a message
// under the address it went to, and looks it up under the address the receipt comes from: a message sent to the
// contact's LID (lid-first.js) and asked for again by the contact's phone, which names its number, is not found there,
// and without getMessage Baileys 7 rc14 drops the retry silently ("message not available"). Baileys' README asks for a
// getMessage for this.
//
// WhatsApp relays a retry receipt from whoever sends it and checks nothing, so anyone may ask for any id. As whatsmeow
// keys its recent messages by chat and id, a message is given only in the chat it went to (or that chat's LID or
// number), in a group only to a member, for a status only to its audience, and as it reads now: an edit's text once
// edited, nothing once deleted for everyone. Baileys' own cache knows neither edits nor members, so the bridge turns its
// lookup off (answering) and Baileys asks getMessage for every retry.
'use strict'
const baileys = require('./baileys')

// message id → { chat, message, audience } (message absent once deleted); the oldest forgotten beyond KEPT (WhatsApp's
// clients ask again within minutes)
const sent = new Map()
const KEPT = 2000
const MESSAGE_EDIT = 14

function remember(id, entry) {
  sent.delete(id)
  sent.set(id, entry)
  if (sent.size > KEPT) sent.delete(sent.keys().next().value)
}

// a message the session sent (Baileys' WebMessageInfo), with a status's audience
function keep(message, audience) {
  const id = message?.key?.id
  if (!id || !message.message) return message
  remember(id, { chat: message.key.remoteJid, message: message.message, audience })
  changed(message.key.remoteJid, message.message.protocolMessage)
  return message
}

// an edit or a deletion for everyone of the session's own message: its target reads as the edit, or is gone
function changed(chat, protocol) {
  const target = protocol?.key?.id
  if (!target || protocol.key.fromMe === false) return
  const before = sent.get(target) || { chat }
  if (!protocol.type) remember(target, { chat: before.chat, audience: before.audience })
  else if (protocol.type === MESSAGE_EDIT && protocol.editedMessage) remember(target, { ...before, message: protocol.editedMessage })
}

function userOf(jid) {
  const decoded = jid ? baileys.api.jidDecode(jid) : undefined
  return decoded ? `${decoded.user}@${decoded.server}` : undefined
}

// the same person: the same address, or a number and the LID Baileys knows for it
async function samePerson(sock, one, other) {
  const [a, b] = [userOf(one), userOf(other)]
  if (!a || !b) return false
  if (a === b) return true
  const number = [a, b].find(jid => jid.endsWith('@s.whatsapp.net'))
  const lid = [a, b].find(jid => jid.endsWith('@lid'))
  if (!number || !lid) return false
  const known = await sock.signalRepository.lidMapping.getLIDForPN(number).catch(() => null)
  return userOf(known) === lid
}

async function isOwn(sock, jid) {
  const me = sock.authState?.creds?.me
  return (await Promise.all([me?.id, me?.lid].filter(Boolean).map(own => samePerson(sock, own, jid)))).some(Boolean)
}

// in a group, a member's device; for a status, one of its audience's; elsewhere the chat has decided
async function given(sock, entry, asker) {
  const { isJidGroup, isJidStatusBroadcast } = baileys.api
  if (!isJidGroup(entry.chat) && !isJidStatusBroadcast(entry.chat)) return true
  if (!asker) return false
  if (await isOwn(sock, asker)) return true
  const people = isJidGroup(entry.chat)
    ? (await sock.groupMetadata(entry.chat).catch(() => ({ participants: [] }))).participants
      .flatMap(member => [member.id, member.lid, member.phoneNumber])
    : entry.audience || []
  for (const jid of people.filter(Boolean)) if (await samePerson(sock, jid, asker)) return true
  return false
}

// Baileys' getMessage(key) for a retry receipt: key.remoteJid is the chat the receipt names (a group, a status, the
// asker's own chat, or for the account's own devices the chat they name), key.participant the device that asks
function answering(sock, logger) {
  sock.messageRetryManager?.getRecentMessage && (sock.messageRetryManager.getRecentMessage = () => undefined)
  return async key => {
    const entry = sent.get(key?.id)
    if (entry?.message && await samePerson(sock, entry.chat, key.remoteJid) && await given(sock, entry, key.participant)) {
      return entry.message
    }
    logger.warn({ id: key?.id, chat: key?.remoteJid, asker: key?.participant },
      'refused a retry receipt: a message this session did not send there, did not give the asker, deleted or no longer knows')
    return undefined
  }
}

module.exports = { keep, answering }
