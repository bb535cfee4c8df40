// What WhatsApp lets the account start: its reach-out restriction ("timelock", until an end) and its new-chat quota.
// Baileys 7 rc14 reads WhatsApp's notifications of a change into `connection.update` (`reachoutTimeLock`) and
// `message-capping.update`, and answers `fetchAccountReachoutTimelock` / `fetchNewChatMessageCap`. The pod is told
// both, in WhatsApp's own field names (the Cobalt engine reads the same): at login, on each notice, and after a message
// WhatsApp refused with 463, which they may explain.
'use strict'

const REFUSED = '463'

function restrictions(sock, logger, event) {
  // Baileys turned WhatsApp's fields into a Date and camelCase: back into WhatsApp's
  const timelock = state => event('restrictions', {
    timelock: {
      is_active: Boolean(state.isActive),
      time_enforcement_ends: state.timeEnforcementEnds ? String(Math.floor(state.timeEnforcementEnds.getTime() / 1000)) : '0',
      enforcement_type: state.enforcementType || 'DEFAULT'
    }
  })
  const capping = info => { if (info && typeof info === 'object') event('restrictions', { capping: info }) }
  const ask = () => {
    // its answer comes back as a connection.update, read below
    sock.fetchAccountReachoutTimelock().catch(error => logger.debug({ error }, 'reach-out timelock not answered'))
    sock.fetchNewChatMessageCap().then(capping).catch(error => logger.debug({ error }, 'new-chat cap not answered'))
  }
  sock.ev.on('connection.update', update => {
    if (update.reachoutTimeLock) timelock(update.reachoutTimeLock)
    if (update.connection === 'open') ask()
  })
  sock.ev.on('message-capping.update', capping)
  sock.ws.on('CB:ack,class:message', node => { if (node.attrs?.error === REFUSED) ask() })
}

module.exports = { restrictions }
