// Where the bridge itself may download from: the history blobs the account's own phone names (received files are
// downloaded by the pod, with the media policy both engines share: docs/security.md, "Media egress"). The same rule
// as the pod's WhatsAppMediaHosts for a direct path: a path on WhatsApp's default media host, never a host smuggled into
// it (`@elsewhere/...`, `//elsewhere/...`); no redirect followed, a bounded wait for each answer (http-routes.js,
// `mediaHostOptions`).
'use strict'

const DEFAULT_HOST = 'mmg.whatsapp.net'

function mediaUrl(directPath) {
  if (typeof directPath !== 'string' || !directPath.startsWith('/') || directPath.startsWith('//')) {
    throw new Error(`the direct path '${String(directPath).slice(0, 100)}' is not a path`)
  }
  const url = new URL(`https://${DEFAULT_HOST}${directPath}`)
  if (url.hostname !== DEFAULT_HOST || url.port || url.username || url.password) {
    throw new Error(`the direct path '${directPath.slice(0, 100)}' leaves WhatsApp's media host`)
  }
  return url.toString()
}

module.exports = { mediaUrl }
