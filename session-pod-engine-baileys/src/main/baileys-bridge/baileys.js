// The one place the bridge loads Baileys: the `baileys` package of package.json, whichever version is installed there
// (7.x is an ES module, 6.x CommonJS; README.md, "Which Baileys"). The bridge's modules take it from here:
// `require('./baileys').api` is Baileys' main export, `internal(path)` one of its files, once `load()` has resolved.
//
// held-acks.js, history-sync.js and chats.js wrap six of Baileys' functions without changing its source (`wrap`). Baileys calls
// them through its own imports, so the wrapping happens where Baileys takes them from: in a CommonJS Baileys by
// replacing the export on the file's exports object (Baileys reads it at each call); in an ES module Baileys, whose
// bindings cannot be reassigned, by a module loader hook (baileys-hooks.mjs) that puts a module in the file's place which
// re-exports the original file and the wrapped functions. Either way the wrapper is looked up at each call, so a wrap may
// be registered before or after loading.
'use strict'
const path = require('node:path')
const { register, registerHooks } = require('node:module')
const { pathToFileURL } = require('node:url')

// Baileys' files whose functions are wrapped, and the functions ('default': the file's default export)
const WRAPPED = {
  'lib/WABinary/encode.js': ['encodeBinaryNode'],
  'lib/Utils/noise-handler.js': ['makeNoiseHandler'],
  'lib/Utils/decode-wa-message.js': ['decryptMessageNode'],
  'lib/Utils/process-message.js': ['default'],
  'lib/Utils/chat-utils.js': ['processSyncAction', 'decodePatches']
}
// Baileys' files the bridge reads besides its main export
const INTERNAL = ['lib/Socket/Client/websocket.js']
// ...and those only some versions have (Baileys 6 has no privacy tokens): absent ones are null
const OPTIONAL = ['lib/Utils/tc-token-utils.js']
const WRAPPERS = Symbol.for('kubezap.baileys.wrapped')

const wrappers = new Map()
const internals = new Map()
let api

// `wrapper(original)` returns the function that replaces `name` of Baileys' `file` (a key of WRAPPED).
// Two wraps of one function compose: the later one wraps what the earlier made.
function wrap(file, name, wrapper) {
  if (!WRAPPED[file]?.includes(name)) throw new Error(`${file}'s ${name} is not among the functions baileys.js wraps`)
  const key = `${file}#${name}`
  const earlier = wrappers.get(key)
  wrappers.set(key, earlier ? original => wrapper(earlier(original)) : wrapper)
}

// The function that stands for Baileys' `original`: its registered wrapper's (made at its first call) or, while none is
// registered, the original.
function dispatcher(file, name, original) {
  let wrapped
  return function (...args) {
    wrapped ??= wrappers.get(`${file}#${name}`)?.(original)
    return (wrapped || original).apply(this, args)
  }
}
globalThis[WRAPPERS] = dispatcher

function root() {
  return path.dirname(require.resolve('baileys/package.json'))
}

function version() {
  return require('baileys/package.json').version
}

// Baileys 7 (an ES module) downloads with Node.js's fetch, Baileys 6 with axios (http-routes.js)
function usesFetch() {
  return require('baileys/package.json').type === 'module'
}

// registerHooks (Node.js 22.15) runs the hooks in this thread; register's thread of its own costs ~15 MiB for good
function installHooks(data) {
  if (registerHooks) {
    const hooks = require('./baileys-hooks.mjs')
    hooks.initialize(data)
    registerHooks({ load: hooks.load })
  } else {
    register('./baileys-hooks.mjs', { parentURL: pathToFileURL(__filename), data })
  }
}

async function load() {
  if (api) return api
  const dir = root()
  if (usesFetch()) {
    installHooks({ root: pathToFileURL(dir + '/').href, wrapped: WRAPPED })
    api = await import(pathToFileURL(require.resolve('baileys')).href)
    for (const file of INTERNAL) internals.set(file, await import(pathToFileURL(path.join(dir, file)).href))
    for (const file of OPTIONAL) internals.set(file, await import(pathToFileURL(path.join(dir, file)).href).catch(() => null))
  } else {
    for (const [file, names] of Object.entries(WRAPPED)) {
      const exports = require(path.join(dir, file))
      for (const name of names) exports[name] = dispatcher(file, name, exports[name])
    }
    api = require(dir)
    for (const file of INTERNAL) internals.set(file, require(path.join(dir, file)))
    for (const file of OPTIONAL) internals.set(file, null)
  }
  module.exports.api = api
  return api
}

function internal(file) {
  if (!internals.has(file)) throw new Error(`Baileys' ${file} is not loaded (baileys.js INTERNAL)`)
  return internals.get(file)
}

// one of OPTIONAL, or null when this Baileys has none
function optional(file) {
  return internals.get(file) || null
}

module.exports = { load, wrap, internal, optional, version, usesFetch, api: undefined }
