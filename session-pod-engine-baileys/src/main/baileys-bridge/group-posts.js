// A post to a group, until WhatsApp took it. WhatsApp refuses a message from a member who is not an admin to a group
// where only admins send (`announce`) with `<ack class="message" error=…>` after the message was written, and delivers
// it to nobody; Baileys' sendMessage has resolved by then, so the pod would call it sent. Here a group post waits for
// the server's ack; refused, it fails, named `group-admins-only` when the group's metadata says only admins send.
'use strict'

const ADMINS_ONLY = 'group-admins-only'

// `ackOf`: the socket's server acks (server-acks.js)
function groupPosts(sock, { ackOf }) {
  // `post()` sends the message with id `messageId` to `group`; resolves with what it returned, or `{ refused }`
  async function postAccepted(group, messageId, post) {
    if (!messageId) return { sent: await post() }
    const acked = ackOf(messageId)
    const sent = await post()
    const ack = await acked
    if (!ack.error) return { sent }
    const metadata = await sock.groupMetadata(group).catch(() => undefined)
    return { refused: metadata?.announce ? ADMINS_ONLY : 'error-' + ack.error }
  }
  return { postAccepted }
}

module.exports = { groupPosts, ADMINS_ONLY }
