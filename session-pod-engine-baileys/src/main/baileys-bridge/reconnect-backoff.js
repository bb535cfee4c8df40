// Waits between reconnects after a drop (issue 84), as the Cobalt engine's (`retry.Backoff.withJitter`, 1 s doubling
// to 60 s): retry n waits a uniform share of min(cap, base · 2^n), so that sessions which lost WhatsApp together do not
// come back in step and a server that keeps dropping the login is asked less and less often; a login that opens starts
// the count again.
'use strict'

const BASE_MS = 1000
const CAP_MS = 60000

function ceilingMs(attempt) {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.min(Math.max(attempt, 0), 16))
}

function reconnectBackoff(random = Math.random) {
  let attempt = 0
  return {
    nextDelayMs() { return Math.round(ceilingMs(attempt++) * random()) },
    reset() { attempt = 0 }
  }
}

module.exports = { reconnectBackoff, ceilingMs }
