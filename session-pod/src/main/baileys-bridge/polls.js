// Poll votes (PROTOCOL.md, `update` with `vote`). WhatsApp seals each vote with the poll's secret, which only the poll's
// creation message carries (its messageContextInfo.messageSecret), for the poll's creator and the voter. Baileys 7
// decrypts no vote itself (its getMessage-based path is commented out in 7.0.0-rc14; it exports decryptPollVote), so
// the bridge keeps each poll's secret, option names and creator, of polls sent and received, in the auth state's keys
// (type `kubezap-poll`, by the poll's id): the pod writes them to disk with the Signal keys, so a vote after a restart
// opens too.
'use strict'
const crypto = require('node:crypto')
const { decryptPollVote, jidNormalizedUser, normalizeMessageContent } = require('./baileys').api

const TYPE = 'kubezap-poll'

function pollOf(content) {
  return content?.pollCreationMessage || content?.pollCreationMessageV2 || content?.pollCreationMessageV3
}

// The addresses a key's author goes by: as it came and, in Baileys 7, its other address (a LID's number, a number's LID);
// this account's own (number and LID) when it wrote it
function authors(key, me) {
  if (key.fromMe) return [me?.id, me?.lid].filter(Boolean).map(jidNormalizedUser)
  const found = key.participant ? [key.participant, key.participantAlt] : [key.remoteJid, key.remoteJidAlt]
  return [...new Set(found.filter(Boolean).map(jidNormalizedUser))]
}

// Keeps the poll a message creates (sent by this account, its phone or a contact), written through `keys` (Baileys'
// SignalKeyStore over the auth state)
async function remember(message, keys, me) {
  const poll = pollOf(normalizeMessageContent(message.message))
  // a history's message may carry it beside the message (WebMessageInfo.messageSecret)
  const secret = message.message?.messageContextInfo?.messageSecret || message.messageSecret
  if (!poll || !secret?.length || !message.key?.id) return
  const kept = {
    secret: Buffer.from(secret).toString('base64'),
    options: (poll.options || []).map(option => option.optionName || ''),
    creators: authors(message.key, me)
  }
  await keys.set({ [TYPE]: { [message.key.id]: kept } })
}

function isVote(message) {
  return Boolean(normalizeMessageContent(message.message)?.pollUpdateMessage)
}

// The option names a vote chose, or null when its poll is not kept here or the vote does not open. A vote may be sealed
// for either address of its creator and voter (LID-first clients seal for the number of whoever is named by LID), so
// each pair is tried and the one GCM's tag accepts is it.
function chosen(message, keys, me) {
  const update = normalizeMessageContent(message.message).pollUpdateMessage
  const pollId = update.pollCreationMessageKey?.id
  const poll = pollId && keys[TYPE]?.[pollId]
  if (!poll || !update.vote?.encPayload) return null
  const byHash = new Map(poll.options.map(name => [crypto.createHash('sha256').update(name).digest('hex'), name]))
  for (const creator of poll.creators) {
    for (const voter of authors(message.key, me)) {
      try {
        const vote = decryptPollVote(update.vote, {
          pollCreatorJid: creator, pollMsgId: pollId, pollEncKey: Buffer.from(poll.secret, 'base64'), voterJid: voter
        })
        return (vote.selectedOptions || []).map(hash => byHash.get(Buffer.from(hash).toString('hex'))).filter(Boolean)
      } catch {
        // sealed for another pair
      }
    }
  }
  return null
}

module.exports = { remember, isVote, chosen }
