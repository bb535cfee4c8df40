// Channels (newsletters) as WhatsApp's clients speak to its channel server (PROTOCOL.md, "Channels"): `w:mex` GraphQL
// queries for the channels themselves, `newsletter` IQs for their posts, plaintext `<message>` stanzas to post and react.
// Baileys 7 rc14 has functions for most of it, but its newsletterCreate reads a picture the new channel does not have
// (WhatsApp answers `picture: null`) and throws; it has no followed list; its newsletterFetchMessages asks
// `message_updates`, the counts alone (WhatsApp Web and whatsmeow ask `messages`, which carry the posts); its
// newsletterReactMessage and sendMessage to a channel never read WhatsApp's ack, so a refusal passes for done; and a
// refused mex query carries its code where the bridge's answers do not look (Boom's statusCode). Those the bridge sends
// itself; the lookup, follow and unfollow are Baileys' own.
'use strict'
const { S_WHATSAPP_NET, getBinaryNodeChild, getBinaryNodeChildren, proto } = require('./baileys').api

// the persisted query documents WhatsApp Web sends (whatsmeow's, Baileys' and Cobalt's ids for the same operations)
const SUBSCRIBED = { id: '6388546374527196', field: 'xwa2_newsletter_subscribed' }
const CREATE = { id: '8823471724422422', field: 'xwa2_newsletter_create' }

// WhatsApp's refusal, with its code where the protocol's error carries it (PROTOCOL.md: `code`)
const refused = (code, message) => Object.assign(new Error(message), { data: Number(code) || 400 })

// a Baileys call whose refusal is a Boom with WhatsApp's code as its status (mex: the GraphQL error's `error_code`)
async function withCode(call) {
  try {
    return await call()
  } catch (error) {
    const code = error?.output?.statusCode
    if (!Number.isInteger(error?.data) && code >= 400 && code !== 500) throw refused(code, error.message)
    throw error
  }
}

// `<iq xmlns="w:mex"><query query_id>{"variables":…}</query></iq>`, answered `{"data":{field:…}}` or `{"errors":[…]}`
async function mex(sock, { id, field }, variables) {
  const answer = await sock.query({
    tag: 'iq', attrs: { to: S_WHATSAPP_NET, type: 'get', xmlns: 'w:mex' },
    content: [{ tag: 'query', attrs: { query_id: id }, content: Buffer.from(JSON.stringify({ variables })) }]
  })
  const result = getBinaryNodeChild(answer, 'result')?.content
  const document = result ? JSON.parse(Buffer.from(result).toString()) : {}
  const error = document.errors?.[0]
  if (error) throw refused(error.extensions?.error_code, error.message || 'WhatsApp refused the channel request')
  const data = document.data?.[field]
  if (data == null) throw refused(404, `WhatsApp answered no ${field}`)
  return data
}

// A channel as WhatsApp's metadata has it (`id`, `thread_metadata`, `viewer_metadata`), in the protocol's names
function channel(metadata) {
  const thread = metadata.thread_metadata || {}
  const picture = thread.picture
  const subscribers = thread.subscribers_count
  return {
    jid: metadata.id, name: thread.name?.text ?? null, description: thread.description?.text ?? null,
    invite: thread.invite ?? null,
    picture: picture?.url || (picture?.direct_path ? 'https://mmg.whatsapp.net' + picture.direct_path : null),
    verified: String(thread.verification || '').toUpperCase() === 'VERIFIED',
    role: String(metadata.viewer_metadata?.role || 'GUEST').toUpperCase(),
    subscribers: subscribers == null ? null : Number(subscribers),
    muted: String(metadata.viewer_metadata?.mute || '').toUpperCase() === 'ON'
  }
}

// A post of a history answer: `<message id server_id t><plaintext>Message</plaintext><views_count/><reactions/>`, its
// content as a received message's (`message`: messages.js), its counts as the account sees them
function post(jid, node, received) {
  const plaintext = getBinaryNodeChild(node, 'plaintext')?.content
  const message = plaintext ? proto.Message.decode(Buffer.from(plaintext)) : undefined
  const timestamp = Number(node.attrs.t || 0)
  const content = message
    ? received({ key: { remoteJid: jid, id: node.attrs.id, fromMe: false }, message, messageTimestamp: timestamp }, 'channel')
    : null
  const reactions = {}
  let mine = null
  for (const reaction of getBinaryNodeChildren(getBinaryNodeChild(node, 'reactions'), 'reaction')) {
    reactions[reaction.attrs.code] = Number(reaction.attrs.count || 0)
    if (reaction.attrs.is_sender === 'true') mine = reaction.attrs.code
  }
  return {
    serverId: Number(node.attrs.server_id), id: node.attrs.id || '', timestamp: timestamp * 1000,
    content: content?.event === 'message' ? content : null,
    views: Number(getBinaryNodeChild(node, 'views_count')?.attrs.count || 0), reactions, myReaction: mine
  }
}

// A message the account sends to a channel, until WhatsApp took it: the server's ack names a refusal in `error`.
// `ackOf`: the socket's server acks (server-acks.js)
async function channelAccepted({ ackOf }, messageId, send) {
  const acked = ackOf(messageId)
  const sent = await send()
  const ack = await acked
  return ack.error ? { refused: 'error-' + ack.error } : { sent, serverId: ack.server_id ? Number(ack.server_id) : null }
}

// `received`: a Baileys message as the protocol's `message` event (messages.js)
function channelRequests(socket, received) {
  return {
    async channelsFollowed() {
      return { channels: (await mex(socket(), SUBSCRIBED, {})).map(channel) }
    },
    async channelCreate({ name, description }) {
      return channel(await mex(socket(), CREATE, { input: { name, description: description ?? null } }))
    },
    // by `jid` or by invite `code` (Baileys' newsletterMetadata, with the account's role)
    async channel({ jid, code }) {
      const metadata = await withCode(() => socket().newsletterMetadata(jid ? 'jid' : 'invite', jid || code))
      if (!metadata) throw refused(404, 'WhatsApp answered no channel')
      return channel(metadata)
    },
    async channelFollow({ jid }) {
      await withCode(() => socket().newsletterFollow(jid))
      return {}
    },
    async channelUnfollow({ jid }) {
      await withCode(() => socket().newsletterUnfollow(jid))
      return {}
    },
    // up to `count` posts older than server id `before` (null: the newest), oldest first
    async channelPosts({ jid, count, before }) {
      const attrs = { type: 'jid', jid, count: String(count), ...(before ? { before: String(before) } : {}) }
      const answer = await socket().query({
        tag: 'iq', attrs: { to: S_WHATSAPP_NET, type: 'get', xmlns: 'newsletter' }, content: [{ tag: 'messages', attrs }]
      })
      const posts = getBinaryNodeChildren(getBinaryNodeChild(answer, 'messages'), 'message')
      return { posts: posts.map(node => post(jid, node, received)) }
    },
    // `<message to type="reaction" server_id><reaction code/></message>` (no code, and `edit="7"`: withdrawn), as
    // Baileys' newsletterReactMessage sends it; its ack read for a refusal
    async channelReact({ jid, serverId, emoji }) {
      const ack = await socket().query({
        tag: 'message',
        attrs: { to: jid, type: 'reaction', server_id: String(serverId), ...(emoji ? {} : { edit: '7' }) },
        content: [{ tag: 'reaction', attrs: emoji ? { code: emoji } : {} }]
      })
      if (ack?.attrs?.error) throw refused(ack.attrs.error, `WhatsApp refused the reaction to ${jid}/${serverId}`)
      return {}
    }
  }
}

const isChannel = jid => /@newsletter$/.test(jid || '')

module.exports = { channelRequests, channelAccepted, isChannel, channel, post }
