// What the session sent lately, by message id, for Baileys' getMessage: a device that could not decrypt a message asks
// for it again with a retry receipt, and Baileys resends only what it finds. Its own recent-message cache files a message
// under the address it went to, and looks it up under the address the receipt comes from: a message sent to the
// contact's LID (lid-first.js) and asked for again by the contact's phone, which names its number, is not found there,
// and without getMessage Baileys 7 rc14 drops the retry silently ("message not available"). Baileys' README asks for a
// getMessage for this.
'use strict'

// message id → the message's content; the oldest forgotten beyond KEPT (WhatsApp's clients ask again within minutes)
const sent = new Map()
const KEPT = 2000

function keep(message) {
  const id = message?.key?.id
  if (!id || !message.message) return message
  sent.delete(id)
  sent.set(id, message.message)
  if (sent.size > KEPT) sent.delete(sent.keys().next().value)
  return message
}

// Baileys' getMessage(key): the content sent under key.id, whatever address the key names
async function getMessage(key) {
  return sent.get(key?.id)
}

module.exports = { keep, getMessage }
