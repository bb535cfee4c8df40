// The account's own profile and privacy (PROTOCOL.md, "The account"): its push name, about text, picture, and privacy
// settings, on Baileys' functions where they send what WhatsApp Web sends.
'use strict'
const { S_WHATSAPP_NET } = require('./baileys').api

// WhatsApp's privacy categories and the Baileys function that sets each
const PRIVACY_SETTERS = {
  last: 'updateLastSeenPrivacy', online: 'updateOnlinePrivacy', profile: 'updateProfilePicturePrivacy',
  status: 'updateStatusPrivacy', readreceipts: 'updateReadReceiptsPrivacy', groupadd: 'updateGroupsAddPrivacy',
  calladd: 'updateCallPrivacy', messages: 'updateMessagesPrivacy'
}

// The account's picture (no `target`) or a group's: the pod's square JPEG (base64) as it is, none removes it. Baileys'
// updateProfilePicture would resize it with an image library the bridge does not carry.
async function setPicture(sock, jpeg, target) {
  await sock.query({
    tag: 'iq', attrs: { to: S_WHATSAPP_NET, type: 'set', xmlns: 'w:profile:picture', ...(target ? { target } : {}) },
    content: jpeg ? [{ tag: 'picture', attrs: { type: 'image' }, content: Buffer.from(jpeg, 'base64') }] : undefined
  })
}

// `named(name)`: the account's new name told to Baileys' credentials, which announce it to WhatsApp (a presence with the
// name) and to the pod (`account`)
function accountRequests(socket, named) {
  return {
    // the phone's app state keeps the name (Baileys writes `setting_pushName`); WhatsApp shows it from the presence
    async accountName({ name }) {
      await socket().updateProfileName(name)
      await named(name)
      return {}
    },
    async accountAbout({ about }) {
      await socket().updateProfileStatus(about)
      return {}
    },
    async accountPicture({ jpeg }) {
      await setPicture(socket(), jpeg)
      return {}
    },
    async privacy() {
      return { settings: await socket().fetchPrivacySettings(true) }
    },
    // Baileys keeps the settings it read, which its read marks follow ('read' or 'read-self'): read again once changed
    async setPrivacy({ category, value }) {
      const setter = PRIVACY_SETTERS[category]
      if (!setter) throw Object.assign(new Error('not a privacy category WhatsApp keeps: ' + category), { data: 400 })
      await socket()[setter](value)
      await socket().fetchPrivacySettings(true)
      return {}
    }
  }
}

module.exports = { accountRequests, setPicture, PRIVACY_SETTERS }
