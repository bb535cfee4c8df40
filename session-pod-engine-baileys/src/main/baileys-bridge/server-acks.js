// The server's ack of a message the session sent (`<ack class="message" id=…>`, with `error` when WhatsApp refused it).
// Baileys' sendMessage resolves once the stanza is written and only logs an ack's error ('received error in ack');
// a send that must know whether WhatsApp took the message waits here for its ack.
'use strict'

// how long a send waits for the server's ack before it calls the message sent, as before
const ACK_MS = 20000

function serverAcks(sock) {
  const waiting = new Map()
  sock.ws.on('CB:ack,class:message', node => {
    const resolve = waiting.get(node.attrs.id)
    if (resolve) {
      waiting.delete(node.attrs.id)
      resolve(node.attrs)
    }
  })
  // resolves with the ack's attributes, `{}` when none came in time; ask before sending, so that no ack is missed
  const ackOf = id => new Promise(resolve => {
    waiting.set(id, resolve)
    setTimeout(() => { if (waiting.delete(id)) resolve({}) }, ACK_MS).unref()
  })
  return { ackOf }
}

module.exports = { serverAcks }
