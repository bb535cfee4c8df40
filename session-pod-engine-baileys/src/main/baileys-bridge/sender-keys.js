// The session's sender key in a group, made anew when someone who was given it has left.
//
// Baileys keeps its sender key in a group for ever and remembers which devices it gave it to (`sender-key-memory`);
// WhatsApp's clients make a new key when a member leaves or is removed, so that one who left cannot read what follows
// with the key it kept. Before each post to a group the bridge reads the group's members (the metadata Baileys would
// read for the post anyway, handed to it through `cachedGroupMetadata` so that it asks once); when a device that was
// given the key belongs to none of them, the session's own key and that memory are dropped, and Baileys makes a new key
// and gives it to every device in the group. The check runs against the memory the pod keeps with the other keys, so a
// renewal a kill interrupted happens at the next post: no notification has to be caught.
'use strict'
const { jidDecode } = require('./baileys').api

function userOf(jid) {
  return jid ? jidDecode(jid)?.user : undefined
}

// `keys()`: the session's key store now, a plain object (type → id → value); `storeOf(keys)`: Baileys' SignalKeyStore
// over it, whose writes the pod hears
function groupSenderKeys(keys, storeOf) {
  const posting = new Map()

  // Baileys names a sender key `<group>::<sender's signal user>::<device>`, the signal user a LID's with `_<domain>`
  function ownKeyNames(group, me) {
    const own = [me?.id, me?.lid].filter(Boolean).map(jidDecode).filter(Boolean)
    return Object.keys(keys()['sender-key'] || {}).filter(name => {
      const [keyGroup, sender, device] = name.split('::')
      return keyGroup === group && own.some(id => sender.split('_')[0] === id.user && Number(device) === (id.device || 0))
    })
  }

  async function renewIfOneLeft(group, metadata, me) {
    const members = new Set()
    for (const p of metadata.participants || []) {
      for (const jid of [p.id, p.phoneNumber, p.lid]) {
        const user = userOf(jid)
        if (user) members.add(user)
      }
    }
    const given = Object.keys(keys()['sender-key-memory']?.[group] || {})
    if (given.every(device => members.has(userOf(device)))) return false
    const dropped = Object.fromEntries(ownKeyNames(group, me).map(name => [name, null]))
    await storeOf(keys()).set({ 'sender-key': dropped, 'sender-key-memory': { [group]: null } })
    return true
  }

  return {
    // runs `post` (a send to `group`) with the group's members read and the key renewed if one who had it left
    async post(sock, group, me, post) {
      const metadata = await sock.groupMetadata(group)
      await renewIfOneLeft(group, metadata, me)
      posting.set(group, metadata)
      try {
        return await post()
      } finally {
        if (posting.get(group) === metadata) posting.delete(group)
      }
    },
    // Baileys' `cachedGroupMetadata`: the members just read for a post, else nothing (Baileys then asks WhatsApp)
    async metadata(group) {
      return posting.get(group)
    }
  }
}

module.exports = { groupSenderKeys }
