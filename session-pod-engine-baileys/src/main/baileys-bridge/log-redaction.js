// Nothing the bridge logs may carry key material, whatever BRIDGE_LOG_LEVEL turns on (docs/security.md). Baileys logs
// its credentials, decoded messages (their media keys) and nodes at debug and trace, and libsignal prints whole
// sessions (their chain and ratchet keys) with console.info whenever it closes one; all of these hold their secrets as
// bytes. So every value handed to the logger or the console is copied first with every byte array (Buffer, Uint8Array,
// ArrayBuffer, a Buffer as JSON) replaced by its length, every string under a name that holds secrets replaced too, and
// bytes already written out as text (Baileys' trace of each frame, `xml`, prints a node's bytes as hex) replaced by
// their length wherever they appear.
'use strict'

const SECRET_NAMES = /priv|secret|mediakey|keydata|signature|session|ratchet|chainkey|rootkey|noise|token/i
// 16 bytes or more as hex, or as base64 (32 bytes make 43 characters)
const BYTES_AS_TEXT = /\b[0-9a-fA-F]{32,}\b|[A-Za-z0-9+/]{43,}={0,2}/g
const DEEPEST = 8

function withoutBytes(text) {
  return text.replace(BYTES_AS_TEXT, bytes => `[${bytes.length} characters of bytes]`)
}

function redacted(value, name = '', depth = 0, seen = new WeakSet()) {
  if (value === null || value === undefined) return value
  if (typeof value === 'string') return SECRET_NAMES.test(name) ? `[redacted ${value.length} characters]` : withoutBytes(value)
  if (typeof value !== 'object') return value
  if (value instanceof Error) return value
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
  if (value.type === 'Buffer' && value.data !== undefined) return '[bytes]'
  if (seen.has(value)) return '[circular]'
  if (depth >= DEEPEST) return '[deeper]'
  seen.add(value)
  if (Array.isArray(value)) return value.map(item => redacted(item, name, depth + 1, seen))
  if (value instanceof Map) return [...value].map(([k, v]) => [k, redacted(v, String(k), depth + 1, seen)])
  const copy = {}
  for (const [key, item] of Object.entries(value)) copy[key] = redacted(item, key, depth + 1, seen)
  return copy
}

// The arguments of one logger or console call, each made safe to print.
function redactedArgs(args) {
  return args.map(arg => redacted(arg))
}

module.exports = { redacted, redactedArgs }
