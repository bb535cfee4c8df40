// WhatsApp's calendar events (PROTOCOL.md, `send` with `calendarEvent`, or with `target` and `eventEdit`). An event is created
// through Baileys 7's own `event` content (an eventMessage with a fresh messageSecret, sent with
// `<meta event_type="creation"/>`); Baileys makes its call link by asking WhatsApp for a new one, so the link the pod
// gives is handed to it in that request's place. Baileys cannot change an event: the bridge seals the creator's edit
// (or cancellation) as WhatsApp's apps do, a whole Message holding the new eventMessage in a secretEncryptedMessage of
// type EVENT_EDIT, AES-256-GCM under HKDF-SHA256(the event's secret, eventId + creator + editor + "Event Edit"), no
// associated data (the event's secret: polls.js keeps it).
'use strict'
const crypto = require('node:crypto')
const { jidNormalizedUser, proto } = require('./baileys').api
const polls = require('./polls')

const CALL_LINK = /^https:\/\/call\.whatsapp\.com\/(voice|video)\/([^/?#]+)$/i

function callOf(joinLink) {
  const link = joinLink ? CALL_LINK.exec(joinLink) : null
  return link ? { call: link[1].toLowerCase() === 'voice' ? 'audio' : 'video', token: link[2] } : null
}

// The Baileys content of an event to create
function created(event) {
  const call = callOf(event.joinLink)
  return {
    event: {
      name: event.name, description: event.description || undefined, startDate: new Date(event.startTime * 1000),
      endDate: event.endTime ? new Date(event.endTime * 1000) : undefined,
      location: event.location?.name ? { name: event.location.name } : undefined,
      ...(call ? { call: call.call } : {}), extraGuestsAllowed: Boolean(event.extraGuestsAllowed), isCancelled: Boolean(event.canceled)
    }
  }
}

// Baileys' send options for an event: its call link is the one given, not a new one from WhatsApp
function sendOptions(request) {
  const call = callOf(request.calendarEvent?.joinLink)
  return call ? { getCallLink: async () => call.token } : {}
}

// The eventMessage as it is after an edit
function eventMessage(event) {
  return {
    isCanceled: Boolean(event.canceled), name: event.name, description: event.description || undefined,
    location: event.location?.name ? { name: event.location.name } : undefined, joinLink: event.joinLink || undefined,
    startTime: event.startTime, endTime: event.endTime || undefined, extraGuestsAllowed: Boolean(event.extraGuestsAllowed)
  }
}

// The message that changes the event `target` names to `event`, sealed with the event's kept secret for this account as
// creator and editor, by its number: the address the guest's phone names the event's author by (a guest reached by LID
// included, as the simulator's phones see it; not checked against a real phone)
function edit(target, event, keys, me, to) {
  const secret = polls.secretOf(keys, target.id)
  if (!secret) throw new Error('the secret of event ' + target.id + ' is not kept here: it cannot be changed')
  const self = jidNormalizedUser(me.id)
  const plaintext = proto.Message.encode({ eventMessage: eventMessage(event) }).finish()
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(32), Buffer.from(target.id + self + self + 'Event Edit'), 32))
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  const encPayload = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return {
    secretEncryptedMessage: {
      targetMessageKey: { remoteJid: to, fromMe: true, id: target.id }, encPayload, encIv: iv,
      secretEncType: proto.Message.SecretEncryptedMessage.SecretEncType.EVENT_EDIT
    }
  }
}

// An event a message carries, as the pod's content block has it (`calendarEvent`: a line's own `event` names its kind),
// or null
function block(content) {
  const event = content?.eventMessage
  if (!event) return null
  const end = Number(event.endTime || 0)
  return {
    calendarEvent: {
      name: event.name || '', description: event.description || null,
      location: event.location?.name ? { name: event.location.name } : null, joinLink: event.joinLink || null,
      startTime: Number(event.startTime || 0), endTime: end || null, extraGuestsAllowed: Boolean(event.extraGuestsAllowed),
      canceled: Boolean(event.isCanceled)
    }
  }
}

module.exports = { created, sendOptions, edit, block }
