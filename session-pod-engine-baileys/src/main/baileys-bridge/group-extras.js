// Group extras (PROTOCOL.md, "Group extras"): a group's picture, disappearing messages, join approval and the requests
// to join, the invite preview, communities; and the group notifications about them, which Baileys reads into message
// stubs or not at all, read here from WhatsApp's notification itself.
'use strict'
const { randomBytes } = require('node:crypto')
const { jidNormalizedUser, jidEncode, getBinaryNodeChild, getBinaryNodeChildren, getAllBinaryNodeChildren } = require('./baileys').api
const { setPicture } = require('./account')

const jidOf = node => (node?.attrs?.jid ? jidNormalizedUser(node.attrs.jid) : null)

// A community's linked groups as WhatsApp lists them (`<sub_groups>`): each `<group>` named by `jid` or by its bare
// `id` (whatsmeow reads both; Baileys 7 only `id`), its announcements group marked `<default_sub_group/>`
function linkedGroups(answer) {
  return getBinaryNodeChildren(getBinaryNodeChild(answer, 'sub_groups'), 'group').map(group => ({
    jid: group.attrs.jid ? jidNormalizedUser(group.attrs.jid) : jidEncode(group.attrs.id, 'g.us'),
    subject: group.attrs.subject || '', announcementsGroup: Boolean(getBinaryNodeChild(group, 'default_sub_group'))
  }))
}

// Each group of a `links` answer with WhatsApp's code (its `error`, else 200): Baileys' communityLinkGroup links one
// group and drops the answer
function linkOutcomes(answer) {
  const link = getBinaryNodeChild(getBinaryNodeChild(answer, 'links'), 'link')
  return getBinaryNodeChildren(link, 'group').map(group => ({ jid: jidOf(group), code: Number(group.attrs.error || 200) }))
}

// What one child of a `w:gp2` notification changed among the extras, or null: `actor` is who the notification names
function change(child, actor) {
  switch (child.tag) {
    case 'ephemeral': return { ephemeral: Number(child.attrs.expiration || 0) }
    case 'not_ephemeral': return { ephemeral: 0 }
    case 'member_add_mode': return child.content ? { memberAddMode: child.content.toString() } : null
    case 'membership_approval_mode':
      return { joinApproval: getBinaryNodeChild(child, 'group_join')?.attrs.state !== 'off' }
    case 'created_membership_requests':
      return { joinRequests: { action: 'requested', method: child.attrs.request_method || null,
        participants: getBinaryNodeChildren(child, 'requested_user').map(jidOf).filter(Boolean) } }
    case 'membership_approval_request':
      return actor ? { joinRequests: { action: 'requested', method: child.attrs.request_method || null, participants: [actor] } } : null
    case 'revoked_membership_requests': {
      const participants = getBinaryNodeChildren(child, 'participant').map(jidOf).filter(Boolean)
      return { joinRequests: { action: participants.includes(actor) ? 'cancelled' : 'rejected', method: null, participants } }
    }
    case 'link':
    case 'unlink': {
      const group = jidOf(getBinaryNodeChild(child, 'group'))
      return group ? { link: { group, linked: child.tag === 'link' } } : null
    }
    default: return null
  }
}

// The pod's `group` events (PROTOCOL.md) for the extras a `w:gp2` notification tells; `learned(pairs)` first hears the
// actor's number when the notification names its LID
function notified(node, learned) {
  const actor = node.attrs.participant ? jidNormalizedUser(node.attrs.participant) : null
  if (actor?.endsWith('@lid') && node.attrs.participant_pn) learned([{ lid: actor, pn: jidNormalizedUser(node.attrs.participant_pn) }])
  const at = Number(node.attrs.t) * 1000 || Date.now()
  return getAllBinaryNodeChildren(node).map(child => change(child, actor)).filter(Boolean)
    .map(changes => ({ group: node.attrs.from, by: actor, at, changes }))
}

// A group's new picture (`<notification type="picture" from=group>` with `<set id author>` or `<delete author>`), as
// the pod's `group` event; null for anyone else's picture
function pictureNotified(node) {
  if (!node.attrs.from?.endsWith('@g.us')) return null
  const told = getAllBinaryNodeChildren(node).find(child => ['set', 'add', 'delete'].includes(child.tag))
  if (!told) return null
  const by = told.attrs.author || node.attrs.participant
  return { group: node.attrs.from, by: by ? jidNormalizedUser(by) : null, at: Number(node.attrs.t) * 1000 || Date.now(),
    changes: { picture: told.tag === 'delete' ? null : told.attrs.id || null } }
}

// `known(metadata)`: the group as the pod has it, its pairs of addresses told first (groups.js)
function groupExtrasRequests(socket, known) {
  const query = (to, type, content) => socket().query({ tag: 'iq', attrs: { type, xmlns: 'w:g2', to }, content })
  return {
    async groupInvitePreview({ code }) {
      return known(await socket().groupGetInviteInfo(code))
    },
    // the pod's square JPEG as it is (Baileys' updateProfilePicture would resize it with an image library)
    async groupPicture({ group, jpeg }) {
      await setPicture(socket(), jpeg, group)
      return {}
    },
    async groupEphemeral({ group, seconds }) {
      await socket().groupToggleEphemeral(group, seconds)
      return {}
    },
    async groupMemberAddMode({ group, mode }) {
      await socket().groupMemberAddMode(group, mode)
      return {}
    },
    async groupJoinApproval({ group, required }) {
      await socket().groupJoinApprovalMode(group, required ? 'on' : 'off')
      return {}
    },
    async groupJoinRequests({ group }) {
      const asked = await socket().groupRequestParticipantsList(group)
      return { requests: asked.map(request => ({ jid: jidNormalizedUser(request.jid), requestedAt: Number(request.request_time) * 1000 })) }
    },
    async groupAnswerJoinRequests({ group, approve, participants }) {
      const outcomes = await socket().groupRequestParticipantsUpdate(group, participants, approve ? 'approve' : 'reject')
      return { outcomes: outcomes.map(o => ({ jid: jidNormalizedUser(o.jid), code: Number(o.status) })) }
    },
    // Baileys' communityCreate logs the answer to stdout (the protocol's) and answers null for any failure: the same
    // IQ sent here, the new community read back with its metadata
    async communityCreate({ subject, description }) {
      const content = [{ tag: 'parent', attrs: { default_membership_approval_mode: 'request_required' } }]
      if (description) {
        content.unshift({ tag: 'description', attrs: { id: randomBytes(6).toString('hex').toUpperCase() },
          content: [{ tag: 'body', attrs: {}, content: Buffer.from(description, 'utf-8') }] })
      }
      const created = getBinaryNodeChild(await query('@g.us', 'set', [{ tag: 'create', attrs: { subject }, content }]), 'group')
      const id = created?.attrs.id
      if (!id) throw new Error('WhatsApp answered the new community without its id')
      return known(await socket().groupMetadata(id.includes('@') ? id : jidEncode(id, 'g.us')))
    },
    async communityLink({ community, groups }) {
      const link = { tag: 'link', attrs: { link_type: 'sub_group' }, content: groups.map(jid => ({ tag: 'group', attrs: { jid } })) }
      return { outcomes: linkOutcomes(await query(community, 'set', [{ tag: 'links', attrs: {}, content: [link] }])) }
    },
    async communityUnlink({ community, group }) {
      await socket().communityUnlinkGroup(group, community)
      return {}
    },
    async communityGroups({ community }) {
      return { groups: linkedGroups(await query(community, 'get', [{ tag: 'sub_groups', attrs: {} }])) }
    }
  }
}

module.exports = { groupExtrasRequests, notified, pictureNotified, linkedGroups, linkOutcomes }
