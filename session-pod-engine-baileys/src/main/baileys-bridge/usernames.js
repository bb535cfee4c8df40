// A @username resolved as current clients resolve one (Baileys 7's USyncContactProtocol names the user by
// `<contact username>`; the `lid` and `username` protocols beside): WhatsApp answers under the account's LID, its number as
// `pn_jid` unless the account hides it. Baileys' parser keeps no `pn_jid`, so the bridge reads the answer's nodes itself.
'use strict'
const baileys = require('./baileys')

async function resolveUsername(sock, username) {
  const { USyncQuery, USyncUser, getBinaryNodeChild, getBinaryNodeChildren, S_WHATSAPP_NET } = baileys.api
  const query = new USyncQuery().withContactProtocol().withLIDProtocol().withUsernameProtocol()
    .withUser(new USyncUser().withUsername(username))
  const list = getBinaryNodeChild(getBinaryNodeChild(await usync(sock, query, S_WHATSAPP_NET), 'usync'), 'list')
  const found = getBinaryNodeChildren(list, 'user')
    .find(user => /@lid$/.test(user.attrs.jid || '') && getBinaryNodeChild(user, 'contact')?.attrs.type === 'in')
  if (!found) return {}
  const name = getBinaryNodeChild(found, 'username')?.content
  const pn = found.attrs.pn_jid || null
  if (pn) await sock.signalRepository.lidMapping.storeLIDPNMappings([{ lid: found.attrs.jid, pn }])
  return { lid: found.attrs.jid, pn, username: typeof name === 'string' && name ? name : username }
}

// the usync IQ as Baileys' executeUSyncQuery sends it, answered as a node
function usync(sock, query, server) {
  const user = query.users[0]
  return sock.query({
    tag: 'iq',
    attrs: { to: server, type: 'get', xmlns: 'usync' },
    content: [{
      tag: 'usync',
      attrs: { context: query.context, mode: query.mode, sid: sock.generateMessageTag(), last: 'true', index: '0' },
      content: [
        { tag: 'query', attrs: {}, content: query.protocols.map(protocol => protocol.getQueryElement()) },
        { tag: 'list', attrs: {}, content: [{ tag: 'user', attrs: {}, content: query.protocols.map(p => p.getUserElement(user)).filter(Boolean) }] }
      ]
    }]
  })
}

module.exports = { resolveUsername }
