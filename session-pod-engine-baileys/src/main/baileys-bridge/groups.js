// Group requests (PROTOCOL.md, "Groups") on Baileys' group functions; a group as the pod's GroupInfo has it.
'use strict'
const { jidNormalizedUser, getBinaryNodeChild, getAllBinaryNodeChildren } = require('./baileys').api

function group(metadata) {
  return {
    jid: metadata.id, subject: metadata.subject || '', description: metadata.desc || null,
    owner: metadata.owner ? jidNormalizedUser(metadata.owner) : null, announce: Boolean(metadata.announce),
    locked: Boolean(metadata.restrict),
    participants: (metadata.participants || []).map(p => ({ jid: jidNormalizedUser(p.id), role: p.admin || 'member' })),
    // the extras (group-extras.js): disappearing messages, join approval, its place in a community
    ephemeralSeconds: metadata.ephemeralDuration || 0, joinApproval: Boolean(metadata.joinApprovalMode),
    community: Boolean(metadata.isCommunity), parent: metadata.linkedParent ? jidNormalizedUser(metadata.linkedParent) : null,
    announcementsGroup: Boolean(metadata.isCommunityAnnounce),
    memberAddMode: metadata.memberAddMode ? 'all_member_add' : 'admin_add'
  }
}

// The participants a group's metadata lists with both addresses (Baileys 7: `phoneNumber` of a LID, `lid` of a number)
function addresses(metadata) {
  const pairs = []
  for (const p of metadata.participants || []) {
    if (p.phoneNumber && p.id?.endsWith('@lid')) pairs.push({ lid: jidNormalizedUser(p.id), pn: jidNormalizedUser(p.phoneNumber) })
    if (p.lid && p.id?.endsWith('@s.whatsapp.net')) pairs.push({ lid: jidNormalizedUser(p.lid), pn: jidNormalizedUser(p.id) })
  }
  return pairs
}

// A group notification as Baileys reads it (`group-participants.update`, and the `groups.update` its notifications make,
// which carry `authorUsername` where Baileys' re-read metadata does not) as the pod's `group` event (PROTOCOL.md), or
// null for a change the pod does not model. A LID-addressed group names people by LID with the number beside: those
// pairs go first (`learned`), so that the pod names them by number. `reasons`: why WhatsApp said an add happened
// (`addReasons`), which Baileys' event does not carry.
function notification(update, learned, reasons) {
  const base = told(update, addresses(update), learned)
  if (update.action) {
    return { ...base, action: update.action,
      participants: (update.participants || []).map(p => jidNormalizedUser(typeof p === 'string' ? p : p.id)),
      reason: update.action === 'add' ? reasons.taken(update) : null }
  }
  const changes = {}
  if (update.subject !== undefined) changes.subject = update.subject
  if (update.desc !== undefined) changes.description = update.desc || null
  if (update.announce !== undefined) changes.announce = Boolean(update.announce)
  if (update.restrict !== undefined) changes.locked = Boolean(update.restrict)
  return Object.keys(changes).length ? { ...base, changes } : null
}

// A group created with the account in it, as Baileys reads WhatsApp's `create` notification (`groups.upsert`: the new
// group's metadata and who made it): the pod's `group` event with `created`
function created(metadata, learned) {
  return { ...told(metadata, addresses(metadata), learned), created: group(metadata) }
}

// What every `group` event starts with: the group, who did it (WhatsApp's `participant`, with its number when it names
// a LID) and when; the pairs of addresses told first
function told(update, pairs, learned) {
  const by = update.author ? jidNormalizedUser(update.author) : null
  if (by?.endsWith('@lid') && update.authorPn) pairs.push({ lid: by, pn: jidNormalizedUser(update.authorPn) })
  learned(pairs)
  return { group: update.id, by, at: Date.now() }
}

// Why WhatsApp says participants were added (`<add reason="invite">`: by the invite link; `membership_approval`: an
// admin approved their request), which Baileys reads from the notification and drops. Heard from the notification
// itself as it arrives (the socket's `CB:notification,type:w:gp2`, which Baileys' own handler hears after), and taken
// by the `group-participants.update` Baileys then makes of it: same group, same participants as WhatsApp named them.
function addReasons(kept = 64) {
  const reasons = new Map()
  const key = (group, participants) => `${group} ${[...participants].sort().join(',')}`
  return {
    heard(node) {
      for (const change of getAllBinaryNodeChildren(node).filter(child => child.tag === 'add' && child.attrs?.reason)) {
        const participants = getAllBinaryNodeChildren(change).filter(child => child.tag === 'participant').map(child => child.attrs.jid)
        reasons.set(key(node.attrs.from, participants), change.attrs.reason)
        if (reasons.size > kept) reasons.delete(reasons.keys().next().value)
      }
    },
    taken(update) {
      const said = key(update.id, (update.participants || []).map(p => (typeof p === 'string' ? p : p.id)))
      const reason = reasons.get(said) ?? null
      reasons.delete(said)
      return reason
    }
  }
}

// A group's metadata as the pod has it, the LID↔number pairs it named told first (`learned(pairs)`)
function knownGroup(learned) {
  return metadata => {
    learned(addresses(metadata))
    return group(metadata)
  }
}

// `learned(pairs)`: the LID↔number pairs a group's metadata named, told before the group is answered
function groupRequests(socket, learned) {
  const sock = () => socket()
  const known = knownGroup(learned)
  return {
    async groupCreate({ subject, participants }) {
      return known(await sock().groupCreate(subject, participants))
    },
    async groupMetadata({ group: jid }) {
      return known(await sock().groupMetadata(jid))
    },
    async groupParticipants({ group: jid, action, participants }) {
      const outcomes = await sock().groupParticipantsUpdate(jid, participants, action)
      return { outcomes: outcomes.map(o => ({ jid: jidNormalizedUser(o.jid), code: Number(o.status) })) }
    },
    async groupLeave({ group: jid }) {
      await sock().groupLeave(jid)
      return {}
    },
    async groupSubject({ group: jid, subject }) {
      await sock().groupUpdateSubject(jid, subject)
      return {}
    },
    async groupDescription({ group: jid, description }) {
      await sock().groupUpdateDescription(jid, description ?? undefined)
      return {}
    },
    async groupSetting({ group: jid, setting }) {
      await sock().groupSettingUpdate(jid, setting)
      return {}
    },
    async groupsParticipating() {
      return { groups: Object.values(await sock().groupFetchAllParticipating()).map(known) }
    },
    async groupInviteCode({ group: jid, revoke }) {
      return { code: revoke ? await sock().groupRevokeInvite(jid) : await sock().groupInviteCode(jid) }
    },
    // a group that requires approval answers `<membership_approval_request jid>`: the account only asked to join
    // (Baileys' groupAcceptInvite reads `<group>` alone)
    async groupJoin({ code }) {
      const answer = await sock().query({ tag: 'iq', attrs: { type: 'set', xmlns: 'w:g2', to: '@g.us' },
        content: [{ tag: 'invite', attrs: { code } }] })
      const asked = getBinaryNodeChild(answer, 'membership_approval_request')
      return { group: (asked || getBinaryNodeChild(answer, 'group'))?.attrs.jid, awaitingApproval: Boolean(asked) }
    }
  }
}

module.exports = { notification, created, addReasons, groupRequests, knownGroup }
