// Privacy tokens on one-to-one sends. WhatsApp refuses a one-to-one message without the contact's trusted-contact token
// (`<tctoken>`) with `<ack class="message" error="463">`, after the message was sent. Baileys 7 rc14 attaches the token it
// holds and, on a 463, issues the account's token in the background, but never sends the message again and its
// sendMessage has long resolved: the pod would call the message sent. Here a one-to-one send waits for the server's ack;
// on a 463 it issues the account's token to the contact, keeps the token the server answers with (Baileys' own
// storeTcTokensFromIqResult) and sends the message once more, as current clients do (Baileys PR #2517, whatsmeow PR
// #1081); still refused, the send fails with the cause WhatsApp reports (its reach-out restriction, its new-chat cap).
'use strict'
const baileys = require('./baileys')

const MISSING_TOKEN = '463'

function isOneToOne(jid) {
  return /@(s\.whatsapp\.net|lid)$/.test(jid || '')
}

// `ackOf`: the socket's server acks (server-acks.js)
function privacyTokens(sock, logger, { ackOf }) {
  // true when the server answered with the contact's token, kept now
  async function issue(jid) {
    const result = await sock.issuePrivacyTokens([jid], Math.floor(Date.now() / 1000))
    const given = (result?.content || []).find(child => child.tag === 'tokens')?.content
    if (!Array.isArray(given) || !given.some(token => token.attrs?.type === 'trusted_contact')) return false
    const utils = baileys.optional('lib/Utils/tc-token-utils.js')
    const getLIDForPN = sock.signalRepository.lidMapping.getLIDForPN.bind(sock.signalRepository.lidMapping)
    const storageJid = (await utils.resolveTcTokenJid(jid, getLIDForPN)) || jid
    await utils.storeTcTokensFromIqResult({ result, fallbackJid: storageJid, keys: sock.authState.keys, getLIDForPN })
    return true
  }

  // the cause of a refusal that a fresh token did not cure, in the names the pod's users read
  async function cause() {
    const timelock = await sock.fetchAccountReachoutTimelock().catch(() => undefined)
    if (timelock?.isActive) return 'reachout-timelocked'
    const cap = await sock.fetchNewChatMessageCap().catch(() => undefined)
    if (cap?.capping_status === 'CAPPED') return 'new-chat-limit'
    return 'missing-privacy-token'
  }

  // `send()` sends the message with id `messageId` to `to`; resolves with what it returned, or `{ refused }`
  async function sendAccepted(to, messageId, send) {
    if (!isOneToOne(to) || !messageId || !baileys.optional('lib/Utils/tc-token-utils.js')) return { sent: await send() }
    let acked = ackOf(messageId)
    let sent = await send()
    let ack = await acked
    if (ack.error !== MISSING_TOKEN) return { sent }
    // without a fresh token another try is only another reach-out
    const fresh = await issue(to).catch(error => {
      logger.warn({ error, to }, 'issuing the account\'s privacy token after a 463 failed')
      return false
    })
    if (!fresh) return { refused: await cause() }
    acked = ackOf(messageId)
    sent = await send()
    ack = await acked
    return ack.error === MISSING_TOKEN ? { refused: await cause() } : { sent }
  }

  return { sendAccepted }
}

module.exports = { privacyTokens }
