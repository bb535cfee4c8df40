// Group extras as the bridge reads them from WhatsApp's nodes (group-extras.js), run by `node --test` (BridgeScriptsTest):
// the notifications Baileys 7 reads into message stubs or drops, and the answers its community functions misread.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
await require('./baileys.js').load()
const { notified, pictureNotified, linkedGroups, linkOutcomes } = require('./group-extras.js')

const GROUP = '120363000000000039@g.us'
const ANA = '5511988880039@s.whatsapp.net'
const BIA = '5511977770039@s.whatsapp.net'
const node = (tag, attrs, content) => ({ tag, attrs, ...(content ? { content } : {}) })
const gp2 = (participant, ...changes) => node('notification', { from: GROUP, type: 'w:gp2', participant, t: '1764140000' }, changes)
const none = () => {}

test('disappearing messages and join approval changed on a phone are group events naming who changed them', () => {
  assert.deepEqual(notified(gp2(ANA, node('ephemeral', { expiration: '86400' })), none),
    [{ group: GROUP, by: ANA, at: 1764140000000, changes: { ephemeral: 86400 } }])
  assert.deepEqual(notified(gp2(ANA, node('not_ephemeral', {})), none)[0].changes, { ephemeral: 0 })
  assert.deepEqual(notified(gp2(ANA, node('membership_approval_mode', {}, [node('group_join', { state: 'on' })])), none)[0].changes,
    { joinApproval: true })
  assert.deepEqual(notified(gp2(ANA, node('membership_approval_mode', {}, [node('group_join', { state: 'off' })])), none)[0].changes,
    { joinApproval: false })
})

test('requests to join: asked (by link), cancelled by the asker, rejected by an admin', () => {
  const asked = gp2(BIA, node('created_membership_requests', { request_method: 'invite_link' }, [node('requested_user', { jid: BIA })]))
  assert.deepEqual(notified(asked, none)[0].changes,
    { joinRequests: { action: 'requested', method: 'invite_link', participants: [BIA] } })
  const cancelled = gp2(BIA, node('revoked_membership_requests', {}, [node('participant', { jid: BIA })]))
  assert.equal(notified(cancelled, none)[0].changes.joinRequests.action, 'cancelled')
  const rejected = gp2(ANA, node('revoked_membership_requests', {}, [node('participant', { jid: BIA })]))
  assert.deepEqual(notified(rejected, none)[0].changes.joinRequests, { action: 'rejected', method: null, participants: [BIA] })
})

test('a community links and unlinks a group; changes the pod takes from Baileys\' events are left to them', () => {
  const linked = gp2(ANA, node('link', { link_type: 'sub_group' }, [node('group', { jid: GROUP.replace('39@', '40@'), subject: 'Norte' })]))
  assert.deepEqual(notified(linked, none)[0].changes, { link: { group: '120363000000000040@g.us', linked: true } })
  assert.deepEqual(notified(gp2(ANA, node('subject', { subject: 'Loja' }), node('add', {}, [node('participant', { jid: BIA })])), none), [])
})

test('a LID actor\'s number is learnt before its event', () => {
  const pairs = []
  const lidNotification = node('notification', { from: GROUP, participant: '900000000000039@lid', participant_pn: ANA }, [node('not_ephemeral', {})])
  assert.equal(notified(lidNotification, found => pairs.push(...found))[0].by, '900000000000039@lid')
  assert.deepEqual(pairs, [{ lid: '900000000000039@lid', pn: ANA }])
})

test('a group\'s picture set and removed by a member; a contact\'s picture is no group event', () => {
  const set = node('notification', { from: GROUP, type: 'picture', t: '1764140001' }, [node('set', { jid: GROUP, id: '1764140001', author: ANA })])
  assert.deepEqual(pictureNotified(set), { group: GROUP, by: ANA, at: 1764140001000, changes: { picture: '1764140001' } })
  const removed = node('notification', { from: GROUP, type: 'picture' }, [node('delete', { jid: GROUP, author: ANA })])
  assert.deepEqual(pictureNotified(removed).changes, { picture: null })
  assert.equal(pictureNotified(node('notification', { from: ANA, type: 'picture' }, [node('set', { jid: ANA, id: '1' })])), null)
})

test('a community\'s groups named by jid or by bare id, its announcements group marked; links answered per group', () => {
  const answer = node('iq', { type: 'result' }, [node('sub_groups', {}, [
    node('group', { jid: '120363000000000041@g.us', subject: 'Avisos' }, [node('default_sub_group', {})]),
    node('group', { id: '120363000000000042', subject: 'Norte' })])])
  assert.deepEqual(linkedGroups(answer), [{ jid: '120363000000000041@g.us', subject: 'Avisos', announcementsGroup: true },
    { jid: '120363000000000042@g.us', subject: 'Norte', announcementsGroup: false }])
  const links = node('iq', { type: 'result' }, [node('links', {}, [node('link', { link_type: 'sub_group' }, [
    node('group', { jid: '120363000000000042@g.us' }), node('group', { jid: '120363000000000043@g.us', error: '403' })])])])
  assert.deepEqual(linkOutcomes(links), [{ jid: '120363000000000042@g.us', code: 200 }, { jid: '120363000000000043@g.us', code: 403 }])
})
