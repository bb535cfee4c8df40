// Each user's devices as Baileys caches them (its `userDevicesCache`: the bridge hands it this one, to reach it), kept
// five minutes as Baileys keeps its own.
//
// WhatsApp tells a change of a user's device list in a `devices` notification that names the user by number (`from`)
// and by LID (`lid`), each device by both. Baileys 7 applies it to the list it cached under the number only; in a group
// WhatsApp addresses by LID, Baileys sends to the list it cached under the LID, so a member's new device would get
// nothing until that list expired. The bridge drops the LID's list when it hears the notification, and Baileys asks
// WhatsApp for it again at the next send.
'use strict'
const { jidDecode } = require('./baileys').api

const KEPT_MS = 5 * 60 * 1000

function deviceLists(keptMs = KEPT_MS) {
  const lists = new Map()
  const live = user => {
    const entry = lists.get(user)
    if (entry && entry.until > Date.now()) return entry.devices
    lists.delete(user)
    return undefined
  }
  const keep = (user, devices) => lists.set(user, { devices, until: Date.now() + keptMs })
  return {
    // the cache interface Baileys uses (NodeCache's, async)
    get: async user => live(user),
    set: async (user, devices) => { keep(user, devices); return true },
    del: async user => Number(lists.delete(user)),
    mget: async users => Object.fromEntries(users.map(user => [user, live(user)]).filter(([, devices]) => devices !== undefined)),
    mset: async pairs => { pairs.forEach(({ key, value }) => keep(key, value)); return true },
    // WhatsApp's `<notification type="devices">`
    heard(node) {
      const lidUser = node.attrs?.lid ? jidDecode(node.attrs.lid)?.user : undefined
      if (lidUser) lists.delete(lidUser)
    }
  }
}

module.exports = { deviceLists }
