// The privacy tokens a history sync carries: each one-to-one conversation's tcToken, tcTokenTimestamp and
// tcTokenSenderTimestamp, as the phone hands its companions the tokens of its chats (whatsmeow message.go; Baileys 7
// stores them in processMessage, which history-sync.js bypasses). Kept in Baileys' `tctoken` keys under the contact's
// LID when known (where Baileys looks for them when it sends), unless a newer one is kept already; the keys go to the pod
// like any other. Baileys without privacy tokens (6.x) keeps none.
'use strict'
const baileys = require('./baileys')
const { jidNormalizedUser } = baileys.api

function seconds(value) {
  return value === null || value === undefined ? 0 : Number(value)
}

async function keepHistoryTokens(sync, context) {
  const utils = baileys.optional('lib/Utils/tc-token-utils.js')
  const keys = context.keyStore
  const lidMapping = context.signalRepository?.lidMapping
  if (!utils || !keys || !lidMapping) return 0
  const getLIDForPN = lidMapping.getLIDForPN.bind(lidMapping)
  const entries = {}
  for (const chat of sync.conversations || []) {
    const timestamp = seconds(chat.tcTokenTimestamp)
    if (!chat.tcToken?.length || !timestamp || !/@(s\.whatsapp\.net|lid)$/.test(chat.id || '')) continue
    const jid = await utils.resolveTcTokenJid(jidNormalizedUser(chat.id), getLIDForPN)
    const kept = (await keys.get('tctoken', [jid]))[jid]
    if (seconds(kept?.timestamp) >= timestamp) continue
    const sender = seconds(chat.tcTokenSenderTimestamp)
    entries[jid] = { ...kept, token: Buffer.from(chat.tcToken), timestamp: String(timestamp), ...(sender ? { senderTimestamp: sender } : {}) }
  }
  const jids = Object.keys(entries)
  if (!jids.length) return 0
  await keys.set({ tctoken: { ...entries, ...(await utils.buildMergedTcTokenIndexWrite(keys, jids)) } })
  return jids.length
}

module.exports = { keepHistoryTokens }
