// Poll votes and event answers (PROTOCOL.md, `update` with `vote` or `eventResponse`). WhatsApp seals each vote and each
// answer to a calendar event with the secret only the poll's or event's creation message carries (its
// messageContextInfo.messageSecret), for the creator and the voter. Baileys 7 decrypts neither itself (its
// getMessage-based path is commented out in 7.0.0-rc14; it exports decryptPollVote and decryptEventResponse), so the
// bridge keeps each poll's and event's secret, option names (a poll's) and creator, of those sent and received, in the
// auth state's keys (type `kubezap-poll`, by the message's id; the name is older than events): the pod writes them to
// disk with the Signal keys, so a vote or an answer after a restart opens too. The same secret seals the creator's
// edits of an event (event-edits.js).
'use strict'
const crypto = require('node:crypto')
const { decryptPollVote, decryptEventResponse, jidNormalizedUser, normalizeMessageContent, proto } = require('./baileys').api

const TYPE = 'kubezap-poll'
const RESPONSES = ['UNKNOWN', 'GOING', 'NOT_GOING', 'MAYBE']

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

// Keeps the secret of the poll or event a message creates (sent by this account, its phone or a contact), written
// through `keys` (Baileys' SignalKeyStore over the auth state)
async function remember(message, keys, me) {
  const content = normalizeMessageContent(message.message)
  const poll = pollOf(content)
  // a history's message may carry it beside the message (WebMessageInfo.messageSecret)
  const secret = message.message?.messageContextInfo?.messageSecret || message.messageSecret
  if ((!poll && !content?.eventMessage) || !secret?.length || !message.key?.id) return
  const kept = {
    secret: Buffer.from(secret).toString('base64'),
    options: poll ? (poll.options || []).map(option => option.optionName || '') : [],
    creators: authors(message.key, me)
  }
  await keys.set({ [TYPE]: { [message.key.id]: kept } })
}

// A vote on a poll or an answer to an event: both name their target and are sealed with its secret
function isVote(message) {
  const content = normalizeMessageContent(message.message)
  return Boolean(content?.pollUpdateMessage || content?.encEventResponseMessage)
}

// What a vote chose ({ vote: option names }) or an answer said ({ eventResponse: GOING, NOT_GOING or MAYBE }), or null
// when its poll or event is not kept here or it does not open. Either may be sealed for either address of its creator
// and voter (LID-first clients seal for the number of whoever is named by LID), so each pair is tried and the one GCM's
// tag accepts is it.
function opened(message, keys, me) {
  const content = normalizeMessageContent(message.message)
  const update = content.pollUpdateMessage
  const answer = content.encEventResponseMessage
  const targetId = (update ? update.pollCreationMessageKey : answer.eventCreationMessageKey)?.id
  const kept = targetId && keys[TYPE]?.[targetId]
  const sealed = update ? update.vote : answer
  if (!kept || !sealed?.encPayload) return null
  const secret = Buffer.from(kept.secret, 'base64')
  const open = update
    ? (creator, voter) => ({ vote: names(decryptPollVote(sealed, {
      pollCreatorJid: creator, pollMsgId: targetId, pollEncKey: secret, voterJid: voter
    }), kept.options) })
    : (creator, voter) => ({ eventResponse: RESPONSES[decryptEventResponse(sealed, {
      eventCreatorJid: creator, eventMsgId: targetId, eventEncKey: secret, responderJid: voter
    }).response || 0] || RESPONSES[0] })
  for (const creator of kept.creators) {
    for (const voter of authors(message.key, me)) {
      try {
        return open(creator, voter)
      } catch {
        // sealed for another pair
      }
    }
  }
  return null
}

function names(vote, options) {
  const byHash = new Map(options.map(name => [crypto.createHash('sha256').update(name).digest('hex'), name]))
  return (vote.selectedOptions || []).map(hash => byHash.get(Buffer.from(hash).toString('hex'))).filter(Boolean)
}

// The kept secret of the poll or event `id`, or null
function secretOf(keys, id) {
  const kept = keys[TYPE]?.[id]
  return kept ? Buffer.from(kept.secret, 'base64') : null
}

module.exports = { remember, isVote, opened, secretOf, proto }
