// Group requests (PROTOCOL.md, "Groups") on Baileys' group functions; a group as the pod's GroupInfo has it.
'use strict'
const { jidNormalizedUser } = require('@whiskeysockets/baileys')

function group(metadata) {
  return {
    jid: metadata.id, subject: metadata.subject || '', description: metadata.desc || null,
    owner: metadata.owner ? jidNormalizedUser(metadata.owner) : null, announce: Boolean(metadata.announce),
    locked: Boolean(metadata.restrict),
    participants: (metadata.participants || []).map(p => ({ jid: jidNormalizedUser(p.id), role: p.admin || 'member' }))
  }
}

function groupRequests(socket) {
  const sock = () => socket()
  return {
    async groupCreate({ subject, participants }) {
      return group(await sock().groupCreate(subject, participants))
    },
    async groupMetadata({ group: jid }) {
      return group(await sock().groupMetadata(jid))
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
      return { groups: Object.values(await sock().groupFetchAllParticipating()).map(group) }
    },
    async groupInviteCode({ group: jid, revoke }) {
      return { code: revoke ? await sock().groupRevokeInvite(jid) : await sock().groupInviteCode(jid) }
    },
    async groupJoin({ code }) {
      return { group: await sock().groupAcceptInvite(code) }
    }
  }
}

module.exports = { groupRequests }
