// Messages between Baileys and the protocol (PROTOCOL.md): what arrived as `message` and `update` events, what to send as
// Baileys' content.
'use strict'
const { areJidsSameUser, isJidGroup, jidNormalizedUser, normalizeMessageContent, proto } = require('./baileys').api
const events = require('./events')
const products = require('./products')
const interactive = require('./interactive')
const hdMedia = require('./hd-media')

const MEDIA = {
  imageMessage: 'IMAGE', videoMessage: 'VIDEO', audioMessage: 'AUDIO', documentMessage: 'DOCUMENT', stickerMessage: 'STICKER'
}
const SENT_AS = { IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio', VOICE: 'audio', DOCUMENT: 'document', STICKER: 'sticker' }
const PLUMBING = new Set(['messageContextInfo', 'senderKeyDistributionMessage'])

// A field's value only when the message carries it: Baileys 6's protobuf classes answer an absent field with proto3's
// default from the class's prototype ('', 0, false), Baileys 7's with null; what was decoded is the object's own.
const written = (message, field) => (message != null && Object.hasOwn(message, field) ? message[field] : null)

const base64 = bytes => (bytes?.length ? Buffer.from(bytes).toString('base64') : null)
const hex = bytes => (bytes?.length ? Buffer.from(bytes).toString('hex') : null)

function kindOf(content) {
  return Object.keys(content || {}).find(key => !PLUMBING.has(key))
}

function contextOf(content) {
  const kind = kindOf(content)
  return kind && typeof content[kind] === 'object' ? content[kind]?.contextInfo : undefined
}

function media(kind, file) {
  const mediaKind = kind === 'audioMessage' && file.ptt ? 'VOICE' : MEDIA[kind]
  return {
    kind: mediaKind, mimeType: file.mimetype || null, size: Number(file.fileLength || 0), sha256: hex(file.fileSha256),
    fileName: file.fileName || null, caption: file.caption || null, url: file.url || null, directPath: file.directPath || null,
    mediaKey: base64(file.mediaKey), fileSha256: base64(file.fileSha256), fileEncSha256: base64(file.fileEncSha256),
    ...receivedFacts(file)
  }
}

// What the sender's app wrote besides the file (PROTOCOL.md, `message`): only what it wrote
function receivedFacts(file) {
  const number = field => (written(file, field) == null ? null : Number(file[field]))
  return {
    seconds: number('seconds'), waveform: base64(file.waveform), width: number('width'), height: number('height'),
    thumbnail: base64(file.jpegThumbnail), animated: written(file, 'isAnimated'), gifPlayback: file.gifPlayback ? true : null
  }
}

function textOf(content) {
  return written(content, 'conversation') ?? written(content?.extendedTextMessage, 'text')
}

function ref(key, chat) {
  return {
    chat: key.remoteJid || chat, id: key.id, fromMe: Boolean(key.fromMe),
    sender: key.participant ? jidNormalizedUser(key.participant) : null
  }
}

// What changed another message (a reaction, an edit, a deletion for everyone), or null for a message of its own.
function update(m, content) {
  const chat = m.key.remoteJid
  if (content.reactionMessage) {
    const { key, text } = content.reactionMessage
    return { target: ref(key, chat), reaction: text || '' }
  }
  const protocol = content.protocolMessage
  if (!protocol?.key) return null
  // REVOKE is the enum's 0, which a decoded message leaves unset
  if (!protocol.type) return { target: ownTarget(m, protocol.key), revoke: true }
  if (protocol.type === proto.Message.ProtocolMessage.Type.MESSAGE_EDIT) {
    const edited = normalizeMessageContent(protocol.editedMessage)
    const kind = kindOf(edited)
    const text = textOf(edited) ?? written(edited?.[kind], 'caption') ?? ''
    return { target: ownTarget(m, protocol.key), edit: text }
  }
  return null
}

// Only its author edits or revokes a message: the key the author wrote (its own perspective) as this account sees it.
function ownTarget(m, key) {
  const fromMe = Boolean(m.key.fromMe)
  return {
    chat: m.key.remoteJid, id: key.id, fromMe,
    sender: fromMe ? null : jidNormalizedUser(m.key.participant || m.key.remoteJid)
  }
}

// A received message as the event the pod stores, or null when it is nothing the pod keeps (protocol traffic, stubs).
function received(m, upsert) {
  const original = hdMedia.received(m.message)
  if (original) return hdOriginal(m, upsert, original)
  const content = normalizeMessageContent(m.message)
  if (!content) return null
  const common = keyFacts(m, upsert)
  const change = update(m, content)
  if (change) return { event: 'update', ...common, ...change }
  const setting = content.protocolMessage
  if (setting?.type === proto.Message.ProtocolMessage.Type.EPHEMERAL_SETTING && !isJidGroup(m.key.remoteJid)) {
    return { event: 'disappearing', ...common, seconds: Number(setting.ephemeralExpiration || 0) }
  }
  const kind = kindOf(content)
  if (!kind || content.protocolMessage) return null
  const context = contextOf(content)
  const text = textOf(content)
  return {
    event: 'message', ...common, text: text ?? null, kind, media: MEDIA[kind] ? media(kind, content[kind]) : null,
    ...structured(content), quotedId: context?.stanzaId || null, mentions: context?.mentionedJid || [],
    expiration: context?.expiration || null, ...traits(m.message, content, kind, context), ...raw(m)
  }
}

// A photo's or video's HD original, sent after it (hd-media.js): an update of that message, its sender's own in this chat,
// carrying the original's file (PROTOCOL.md, `update` with `hd`); null when it holds no photo or video
function hdOriginal(m, upsert, { parentKey, message }) {
  const content = normalizeMessageContent(message)
  const kind = kindOf(content)
  if (kind !== 'imageMessage' && kind !== 'videoMessage') return null
  return { event: 'update', ...keyFacts(m, upsert), target: ownTarget(m, parentKey), hd: media(kind, content[kind]) }
}

// Wrappers WhatsApp puts around a message's content, which Baileys' normalizeMessageContent takes off
const WRAPPERS = ['ephemeralMessage', 'viewOnceMessage', 'viewOnceMessageV2', 'viewOnceMessageV2Extension', 'documentWithCaptionMessage']
const VIEW_ONCE = new Set(['viewOnceMessage', 'viewOnceMessageV2', 'viewOnceMessageV2Extension'])

// What the message shows beyond its content (PROTOCOL.md, `message`): forwarded, view once (its wrapper, or the media's
// own flag), a text's link preview. WhatsApp Web's message schema, which Baileys 7's is made from, has no canonical URL
// (the preview's link is the one in the text, `matchedText`): the preview's `url` is that link.
function traits(message, content, kind, context) {
  let viewOnce = Boolean(content[kind]?.viewOnce)
  for (let wrapped = message, depth = 0; wrapped && depth < WRAPPERS.length; depth++) {
    const wrapper = WRAPPERS.find(name => wrapped[name]?.message)
    if (!wrapper) break
    viewOnce ||= VIEW_ONCE.has(wrapper)
    wrapped = wrapped[wrapper].message
  }
  const score = Number(context?.forwardingScore || 0)
  const text = content.extendedTextMessage
  const linkPreview = text && (text.matchedText || text.title)
    ? { matchedText: text.matchedText || null, url: text.canonicalUrl || text.matchedText || null, title: text.title || null,
        description: text.description || null, thumbnail: base64(text.jpegThumbnail) }
    : null
  return { forwarded: Boolean(context?.isForwarded) || score > 0, forwardingScore: score, viewOnce, linkPreview,
    albumId: albumOf(content) }
}

// The album a photo or video belongs to: its messageContextInfo's association of type MEDIA_ALBUM names the album's first
// message (the albumMessage), or null
function albumOf(content) {
  const association = content.messageContextInfo?.messageAssociation
  return association?.associationType === proto.MessageAssociation.AssociationType.MEDIA_ALBUM
    ? association.parentMessageKey?.id || null
    : null
}

// a channel's post names its number in the channel (Baileys keeps the stanza's server_id in the key)
function keyFacts(m, upsert) {
  return {
    id: m.key.id, chat: m.key.remoteJid, sender: jidNormalizedUser(m.key.participant || m.key.remoteJid),
    fromMe: Boolean(m.key.fromMe), pushName: m.pushName || null, timestamp: Number(m.messageTimestamp) * 1000, upsert,
    ...(m.key.server_id ? { channelServerId: Number(m.key.server_id) } : {})
  }
}

// A vote on a poll or an answer to an event (`opened`: `{vote}`, the names it chose, or `{eventResponse}`: polls.js) as the
// `update` event of the poll or event
function voted(m, upsert, opened, me) {
  const content = normalizeMessageContent(m.message)
  const key = content.pollUpdateMessage?.pollCreationMessageKey || asSeenHere(m, content.encEventResponseMessage.eventCreationMessageKey, me)
  return { event: 'update', ...keyFacts(m, upsert), target: ref(key, m.key.remoteJid), ...opened }
}

// The key an answer names, as this account sees the chat: Baileys' cleanMessage does this for a vote's key, not for an
// event answer's, whose key is the guest's view (the event "not from me", in a chat named by the creator's address)
function asSeenHere(m, key, me) {
  if (m.key.fromMe) return key
  const author = key.participant || key.remoteJid
  const mine = !key.fromMe && [me?.id, me?.lid].filter(Boolean).some(jid => areJidsSameUser(author, jid))
  return { ...key, fromMe: mine, remoteJid: m.key.remoteJid, participant: key.participant || m.key.participant }
}

// WhatsApp's message as Baileys received it (the WebMessageInfo as protobuf JSON: bytes base64, longs and enums as
// strings), only when the session asks for it (spec.events.payload.raw)
const RAW_WANTED = process.env.KUBEZAP_EVENTS_PAYLOAD_RAW === 'true'
function raw(m) {
  if (!RAW_WANTED) return {}
  try {
    return { raw: proto.WebMessageInfo.fromObject(m).toJSON() }
  } catch {
    return {}
  }
}

// A place, contact cards, a poll, a calendar event, a product card, an order, buttons, a list, a choice on them, a group
// invitation or an album's first message, as the pod's content
// blocks have them.
function structured(content) {
  const place = content.locationMessage
  if (place) {
    return { location: { latitude: place.degreesLatitude, longitude: place.degreesLongitude, name: place.name || null,
      address: place.address || null } }
  }
  const cards = content.contactMessage ? [content.contactMessage] : content.contactsArrayMessage?.contacts
  if (cards) return { contacts: cards.map(card => ({ fullName: card.displayName || null, vcard: card.vcard || null })) }
  const poll = content.pollCreationMessage || content.pollCreationMessageV2 || content.pollCreationMessageV3
  if (poll) {
    return { poll: { name: poll.name, options: (poll.options || []).map(option => option.optionName),
      selectableCount: poll.selectableOptionsCount || 0 } }
  }
  const event = events.block(content)
  if (event) return event
  const business = products.block(content)
  if (business) return business
  const choices = interactive.block(content)
  if (choices) return choices
  const invite = content.groupInviteMessage
  if (invite) {
    const expires = Number(invite.inviteExpiration || 0)
    return { groupInvite: { groupJid: invite.groupJid || null, inviteCode: invite.inviteCode || null,
      expiresAt: expires ? new Date(expires * 1000).toISOString() : null, groupName: invite.groupName || null,
      caption: invite.caption || null } }
  }
  const album = content.albumMessage
  if (album) {
    return { album: { expectedImageCount: album.expectedImageCount || 0, expectedVideoCount: album.expectedVideoCount || 0 } }
  }
  return {}
}

// The `send` request as Baileys' content: a text, a file (read from its path, never whole in memory), a place, contact
// cards, a poll, a group invitation, an album's first message, or an update of a sent message.
function outgoing(request) {
  const content = request.album ? albumFirst(request.album) : outgoingContent(request)
  const { forwarded, forwardingScore, viewOnce, albumParent } = request
  // marked forwarded as WhatsApp's apps mark a copy (at least once), opened once only (Baileys' view-once wrapper), and a
  // photo or video of an album associated to the album's first message (Baileys writes messageContextInfo's
  // messageAssociation of type MEDIA_ALBUM naming that key: the account's own message in this chat)
  return {
    ...content, ...(viewOnce ? { viewOnce: true } : {}),
    ...(albumParent && request.media ? { albumParentKey: { remoteJid: request.to, fromMe: true, id: albumParent } } : {}),
    ...(forwarded ? { contextInfo: { isForwarded: true, forwardingScore: Math.max(1, forwardingScore || 0) } } : {})
  }
}

// An album's first message: how many photos and videos follow (Baileys' `album`, WhatsApp's albumMessage)
function albumFirst({ expectedImageCount, expectedVideoCount }) {
  return { album: { expectedImageCount, expectedVideoCount } }
}

// A text's link preview as Baileys takes it (its `linkPreview`, a WAUrlInfo); Baileys 7's schema, WhatsApp Web's, has no
// canonical URL to write it in
function urlInfo(preview) {
  return {
    'matched-text': preview.matchedText || preview.url, 'canonical-url': preview.url || preview.matchedText,
    title: preview.title || '', description: preview.description || undefined,
    jpegThumbnail: preview.thumbnail ? Buffer.from(preview.thumbnail, 'base64') : undefined
  }
}

function outgoingContent({ text, mentions, media: file, react, edit, revoke, target, to, location, contacts, poll, groupInvite, linkPreview, calendarEvent }) {
  if (react !== undefined) return { react: { text: react, key: targetKey(target, to) } }
  if (revoke) return { delete: targetKey(target, to) }
  if (edit !== undefined) return { text: edit, edit: targetKey(target, to) }
  if (location) {
    return { location: { degreesLatitude: location.latitude, degreesLongitude: location.longitude,
      ...(location.name ? { name: location.name } : {}), ...(location.address ? { address: location.address } : {}) } }
  }
  if (contacts) {
    return { contacts: { displayName: contacts.length === 1 ? contacts[0].fullName : `${contacts.length} contacts`,
      contacts: contacts.map(card => ({ displayName: card.fullName, vcard: card.vcard })) } }
  }
  if (poll) return { poll: { name: poll.name, values: poll.options, selectableCount: poll.selectableCount } }
  if (calendarEvent) return events.created(calendarEvent)
  if (groupInvite) {
    return { groupInvite: { jid: groupInvite.groupJid, inviteCode: groupInvite.inviteCode, subject: groupInvite.groupName || '',
      text: groupInvite.caption || '', inviteExpiration: groupInvite.expiresAt ? Math.floor(Date.parse(groupInvite.expiresAt) / 1000) : 0 } }
  }
  const mentioned = mentions?.length ? { mentions } : {}
  if (!file) return { text, ...mentioned, ...(linkPreview ? { linkPreview: urlInfo(linkPreview) } : { linkPreview: null }) }
  const as = SENT_AS[file.kind]
  if (!as) throw new Error('no such media kind ' + file.kind)
  return {
    [as]: { url: file.path }, mimetype: file.mimeType, ...(file.kind === 'VOICE' ? { ptt: VOICE_NOTE } : {}),
    ...facts(file), ...(file.kind === 'DOCUMENT' ? { fileName: file.fileName } : {}),
    ...(file.caption && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(file.kind) ? { caption: file.caption } : {}), ...mentioned
  }
}

// Baileys 6 (a release users may pick: BAILEYS_VERSION) computes a voice note's waveform itself whenever
// `ptt === true` (with the optional audio-decode package, absent here: it then writes undefined over the pod's; Baileys 7
// only when none is given). `1` is as true to the protobuf (`Boolean(1)`), not to that test.
const VOICE_NOTE = 1

// What the pod computed from the file (PROTOCOL.md, `send`), under Baileys' names; Baileys computes none of them when given.
function facts({ seconds, waveform, width, height, thumbnail, animated, gifPlayback }) {
  return {
    ...(gifPlayback ? { gifPlayback: true } : {}),
    ...(seconds != null ? { seconds } : {}), ...(waveform ? { waveform: Buffer.from(waveform, 'base64') } : {}),
    ...(width != null ? { width, height } : {}), ...(thumbnail ? { jpegThumbnail: Buffer.from(thumbnail, 'base64') } : {}),
    ...(animated != null ? { isAnimated: animated } : {})
  }
}

// The phone number behind a linked identity, where the message names both (Baileys 7: the key's `remoteJidAlt` in a
// one-to-one chat, `participantAlt` in a group): [{lid, pn}], empty when it names one
function addresses(key) {
  const pairs = []
  for (const [address, alternative] of [[key.remoteJid, key.remoteJidAlt], [key.participant, key.participantAlt]]) {
    if (!address || !alternative) continue
    const [one, other] = [jidNormalizedUser(address), jidNormalizedUser(alternative)]
    if (one.endsWith('@lid') && other.endsWith('@s.whatsapp.net')) pairs.push({ lid: one, pn: other })
    if (other.endsWith('@lid') && one.endsWith('@s.whatsapp.net')) pairs.push({ lid: other, pn: one })
  }
  return pairs
}

// WhatsApp names the sender's other address beside the one it addresses the message by: a LID's number (sender_pn, in a
// group participant_pn), a number's LID (sender_lid, participant_lid). Baileys 7 keeps it in the message's key
// (remoteJidAlt, in a group participantAlt), which `addresses` reads; Baileys 6.17 drops it, so for a contact's message
// whose key has none the bridge puts the stanza's there itself.
function keepSendersOtherAddress(stanza, key) {
  const attrs = stanza?.attrs || {}
  if (!key || key.fromMe || key.remoteJidAlt || key.participantAlt) return
  const group = isJidGroup(key.remoteJid)
  const sender = group ? key.participant : key.remoteJid
  if (!sender) return
  const other = sender.endsWith('@lid') ? (group ? attrs.participant_pn : attrs.sender_pn)
    : (group ? attrs.participant_lid : attrs.sender_lid)
  if (other) key[group ? 'participantAlt' : 'remoteJidAlt'] = other
}

function targetKey(target, to) {
  return { remoteJid: target?.chat || to, id: target.id, fromMe: Boolean(target.fromMe), participant: target.sender || undefined }
}

module.exports = { received, voted, outgoing, addresses, keepSendersOtherAddress, written, base64 }
