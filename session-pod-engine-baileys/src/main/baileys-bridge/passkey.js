// Passkey linking (WhatsApp since 2026; Baileys 7.0.0-rc14 has none, Baileys issues #2672/#2688): once the phone approved
// a link to a passkey-protected account, WhatsApp sends `<notification type="passkey_prologue_request">` whose
// `<passkey_request_options>` is WebAuthn request options JSON. The pod shows the challenge; the owner's assertion comes
// back as the `passkey` request and goes to WhatsApp as whatsmeow's pair-passkey.go (PR #1186) sends it: a `<ref>` query,
// then `<passkey_prologue>` with the credential id, the assertion JSON and the prologue payload. A late answer is refused
// (408); fresh options are then asked for (`<passkey_request_options>`) and reported as a new `passkey` event.
'use strict'
const crypto = require('node:crypto')
const baileys = require('./baileys')

const LATE = 408
const DEFAULT_TIMEOUT_MS = 600000

function passkeyLinking(sock, event, logger) {
  const { S_WHATSAPP_NET } = baileys.api
  let waiting = false
  const reported = node => {
    const options = node?.content?.find?.(child => child.tag === 'passkey_request_options')?.content
    if (!options) return false
    try {
      // one JSON object and nothing after it (JSON.parse refuses trailing text), passed on as written out again: the
      // options end up in JavaScript the owner runs on web.whatsapp.com
      const parsed = JSON.parse(Buffer.from(options).toString('utf-8'))
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !parsed.challenge) return false
      event('passkey', { requestOptions: JSON.stringify(parsed), challenge: parsed.challenge, rpId: parsed.rpId || 'whatsapp.com',
        expiresAt: Date.now() + Number(parsed.timeout || DEFAULT_TIMEOUT_MS) })
      return true
    } catch (error) {
      logger.warn({ error }, 'passkey request options that are not JSON')
      return false
    }
  }
  sock.ws.on('CB:notification,type:passkey_prologue_request', node => {
    if (node.attrs.from !== S_WHATSAPP_NET) return
    waiting = reported(node) || waiting
  })
  const md = (type, content) => sock.query({ tag: 'iq', attrs: { to: S_WHATSAPP_NET, type, xmlns: 'md' }, content: [content] })
  return {
    // true while WhatsApp waits for the passkey on this socket: the QR is spent, so no QR is shown meanwhile
    get waiting() {
      return waiting
    },
    async answer({ credentialId, assertion }) {
      if (!waiting) throw Object.assign(new Error('WhatsApp asks for no passkey on this connection'), { data: 409 })
      await md('get', { tag: 'ref', attrs: {} })
      try {
        await md('set', { tag: 'passkey_prologue', attrs: {}, content: [
          { tag: 'credential_id', attrs: {}, content: Buffer.from(credentialId, 'utf-8') },
          { tag: 'webauthn_assertion', attrs: {}, content: Buffer.from(assertion, 'utf-8') },
          // the commitment of the Shortcake key agreement that follows, which WhatsApp's server here does not read
          { tag: 'prologue_payload', attrs: {}, content: crypto.createHash('sha256').update(crypto.randomBytes(32)).digest() }
        ] })
      } catch (error) {
        if (error?.data === LATE) reported(await md('get', { tag: 'passkey_request_options', attrs: {} }))
        throw error
      }
      waiting = false
      return {}
    }
  }
}

module.exports = { passkeyLinking }
