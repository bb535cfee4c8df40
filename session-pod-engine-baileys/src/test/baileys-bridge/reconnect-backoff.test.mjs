// The bridge's waits between reconnects (reconnect-backoff.js), run by `node --test` (BridgeScriptsTest).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../main/baileys-bridge/', import.meta.url))
const { reconnectBackoff } = require('./reconnect-backoff.js')

const waits = (backoff, count) => Array.from({ length: count }, () => backoff.nextDelayMs())

test('a login that keeps failing is retried less and less often, up to a minute apart', () => {
  assert.deepEqual(waits(reconnectBackoff(() => 1), 9), [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])
})

test('each wait is a random share of its ceiling, so sessions dropped together do not return in step', () => {
  assert.deepEqual(waits(reconnectBackoff(() => 0.25), 3), [250, 500, 1000])
  const draws = [0.1, 0.9]
  const one = reconnectBackoff(() => draws[0])
  const other = reconnectBackoff(() => draws[1])
  assert.notEqual(one.nextDelayMs(), other.nextDelayMs())
})

test('a login that opened starts the count again', () => {
  const backoff = reconnectBackoff(() => 1)
  waits(backoff, 5)
  backoff.reset()
  assert.equal(backoff.nextDelayMs(), 1000)
})
