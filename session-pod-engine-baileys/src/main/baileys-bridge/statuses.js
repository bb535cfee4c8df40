// Statuses (PROTOCOL.md, `send`'s `status`, `message`'s `statusLook`): a post to `status@broadcast` goes to the audience
// the pod names (Baileys' `statusJidList`), a text one drawn on its background in its font; a contact's text status keeps
// its look.
'use strict'

const BROADCAST = 'status@broadcast'

// Baileys' send options for a status (its look and audience, as the pod gives them), none for anything else
function statusOptions(status) {
  if (!status) return {}
  return {
    statusJidList: status.audience || [],
    ...(status.backgroundColor ? { backgroundColor: status.backgroundColor } : {}),
    ...(status.font ? { font: status.font } : {})
  }
}

// A contact's text status's look (`#AARRGGBB`, WhatsApp's font number), null for anything else
function statusLook(m) {
  const text = m.message?.extendedTextMessage
  if (m.key?.remoteJid !== BROADCAST || !text || (text.backgroundArgb == null && text.font == null)) return null
  return {
    backgroundColor: text.backgroundArgb == null ? null : '#' + (Number(text.backgroundArgb) >>> 0).toString(16).toUpperCase().padStart(8, '0'),
    font: text.font == null ? null : Number(text.font)
  }
}

module.exports = { statusOptions, statusLook, BROADCAST }
