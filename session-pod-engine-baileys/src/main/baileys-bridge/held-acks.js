// Holds Baileys' acknowledgements of received messages until the pod has stored them (PROTOCOL.md, "Acknowledgements").
//
// WhatsApp forgets a message once the client acknowledged it (a delivery receipt or an <ack class="message">). Baileys
// sends both right after decrypting a message and before it emits it (messages-recv.js, handleMessage), so this
// module wraps three of Baileys' functions (baileys.js, `wrap`), leaving its source untouched:
// - encodeBinaryNode: the bytes of a node that acknowledges a message are remembered with the message's id;
// - makeNoiseHandler: such bytes are not encrypted yet; encodeFrame returns a HeldFrame in their place;
// - WebSocketClient.prototype.send: a HeldFrame is kept (Baileys is told it went) until release(id), then encrypted and
//   written. Encrypting at that moment keeps the noise counter in the order frames reach the socket; every other frame
//   (queries, sends, pings) goes at once. A socket that closed meanwhile drops what it held: WhatsApp delivers again.
// And a fourth, decryptMessageNode, to tell which message is being decrypted: the Signal keys its decryption wrote are
// handed to the pod with the message (keysOf), written after the message is stored, so that a message delivered again
// after a crash still decrypts with the keys on disk. The same wrapper keeps the sender's other address, which Baileys
// 6.17 drops, in the message's key (messages.js, keepSendersOtherAddress).
'use strict'
const baileys = require('./baileys')
const { keepSendersOtherAddress } = require('./messages')
const { WebSocketClient } = baileys.internal('lib/Socket/Client/websocket.js')

// receipt types that say "delivered": none (in the foreground), inactive, from this account's own devices, or a history
// sync processed (Baileys sends it before processing the batch; WhatsApp forgets the notification on any of them)
const DELIVERY_RECEIPTS = new Set([undefined, 'inactive', 'sender', 'peer_msg', 'hist_sync'])
// an acknowledgement Baileys sent for a message it never emits (e.g. a msmsg) goes after this, unless events are buffered
const UNCLAIMED_MS = 60000

class HeldFrame {
  constructor(id, encrypt) {
    this.id = id
    this.encrypt = encrypt
    this.since = Date.now()
  }
}

const acknowledging = new WeakMap()
const held = new Map()
const claimed = new Set()
const deferredKeys = new Map()
let decrypting
const originalSend = WebSocketClient.prototype.send

function acknowledgedMessageId(node) {
  const attrs = node?.attrs || {}
  if (node?.tag === 'ack') {
    // a nack (error) acknowledges no content. Baileys 7 names the account (`from`) in every message's ack, 6.7 only in a
    // placeholder's (an unavailable message): held too, until Baileys emits the placeholder (nothing the pod keeps)
    return attrs.class === 'message' && !attrs.error ? attrs.id : undefined
  }
  if (node?.tag === 'receipt' && DELIVERY_RECEIPTS.has(attrs.type) && !Array.isArray(node.content)) {
    return attrs.id
  }
  return undefined
}

baileys.wrap('lib/WABinary/encode.js', 'encodeBinaryNode', originalEncode => (node, ...rest) => {
  const bytes = originalEncode(node, ...rest)
  const id = acknowledgedMessageId(node)
  if (id) acknowledging.set(bytes, id)
  return bytes
})

baileys.wrap('lib/Utils/noise-handler.js', 'makeNoiseHandler', originalNoise => (...args) => {
  const handler = originalNoise(...args)
  const encodeFrame = handler.encodeFrame
  handler.encodeFrame = data => {
    const id = acknowledging.get(data)
    return id === undefined ? encodeFrame(data) : new HeldFrame(id, () => encodeFrame(data))
  }
  return handler
})

baileys.wrap('lib/Utils/decode-wa-message.js', 'decryptMessageNode', originalDecrypt => (stanza, ...rest) => {
  const node = originalDecrypt(stanza, ...rest)
  keepSendersOtherAddress(stanza, node.fullMessage?.key)
  const decrypt = node.decrypt
  node.decrypt = async () => {
    decrypting = stanza.attrs.id
    try {
      return await decrypt()
    } finally {
      decrypting = undefined
    }
  }
  return node
})

// Keys written now: deferred (true) when they belong to a message being decrypted, else written at once (false).
function deferKeys(data) {
  if (!decrypting) {
    // newer than what messages still waiting hold for the same keys: theirs must not overwrite it
    for (const keys of deferredKeys.values()) {
      for (const type of Object.keys(data)) for (const id of Object.keys(data[type])) delete keys[type]?.[id]
    }
    return false
  }
  const keys = deferredKeys.get(decrypting) || {}
  for (const type of Object.keys(data)) keys[type] = { ...keys[type], ...data[type] }
  deferredKeys.set(decrypting, keys)
  return true
}

// The keys the decryption of message `id` wrote, taken (undefined when none).
function keysOf(id) {
  const keys = deferredKeys.get(id)
  deferredKeys.delete(id)
  return keys
}

WebSocketClient.prototype.send = function (data, callback) {
  if (!(data instanceof HeldFrame)) return originalSend.call(this, data, callback)
  if (!held.has(data.id)) held.set(data.id, [])
  held.get(data.id).push({ socket: this, frame: data })
  callback?.()
  return true
}

// The message `id` was handed to the pod: its acknowledgements wait for release(id), however long that takes.
function claim(id) {
  claimed.add(id)
}

// The message `id` is stored (or is nothing the pod keeps): its acknowledgements go to WhatsApp now.
function release(id) {
  const frames = held.get(id)
  claimed.delete(id)
  if (!frames) return
  held.delete(id)
  for (const { socket, frame } of frames) {
    if (socket.isOpen) originalSend.call(socket, frame.encrypt(), () => {})
  }
}

// Acknowledgements of messages Baileys never handed over (while its events are not buffered) are sent after a while.
function releaseUnclaimed(buffering, writeKeys, logger) {
  const now = Date.now()
  for (const [id, frames] of held) {
    if (!claimed.has(id) && !buffering() && now - frames[0].frame.since > UNCLAIMED_MS) {
      logger.warn({ id }, 'acknowledging a message Baileys never emitted')
      const keys = keysOf(id)
      if (keys) writeKeys(keys)
      release(id)
    }
  }
}

module.exports = { claim, release, releaseUnclaimed, deferKeys, keysOf }
