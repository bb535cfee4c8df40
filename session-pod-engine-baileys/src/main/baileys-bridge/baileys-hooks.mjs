// Module loader hooks for an ES module Baileys (baileys.js: node:module's registerHooks where Node.js has it, in the
// loading thread, else register, in a thread of its own): in place of each of Baileys' files
// whose functions the bridge wraps, a module that re-exports the original file (imported under the same URL with
// ?kubezap-original) and exports the wrapped functions over it, each the dispatcher baileys.js made for it. Baileys'
// own imports of those functions then reach the wrappers; Baileys' source is not changed.
let root
let wrapped = {}
const ORIGINAL = 'kubezap-original'

export function initialize(data) {
  root = data.root
  wrapped = data.wrapped
}

// synchronous: registerHooks takes only such a hook (register awaits whatever it returns)
export function load(url, context, nextLoad) {
  const names = url.startsWith(root) && !url.includes('?') ? wrapped[url.slice(root.length)] : undefined
  if (!names) return nextLoad(url, context)
  const file = JSON.stringify(url.slice(root.length))
  const original = JSON.stringify(`${url}?${ORIGINAL}`)
  const lines = [
    `import * as original from ${original}`,
    `export * from ${original}`,
    `const dispatcher = globalThis[Symbol.for('kubezap.baileys.wrapped')]`
  ]
  for (const name of names) {
    const wrappedFunction = `dispatcher(${file}, ${JSON.stringify(name)}, original[${JSON.stringify(name)}])`
    lines.push(name === 'default' ? `export default ${wrappedFunction}` : `export const ${name} = ${wrappedFunction}`)
  }
  return { format: 'module', source: lines.join('\n'), shortCircuit: true }
}
