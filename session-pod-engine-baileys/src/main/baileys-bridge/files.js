// A file the pod asked for (a download, a profile picture) is at its path whole, or not at all.
'use strict'
const fs = require('node:fs')

// `fill` writes the file at the temporary path it is given; only once it returned is the file renamed into place.
async function writeWhole(target, fill) {
  const partial = target + '.part'
  try {
    await fill(partial)
    await fs.promises.rename(partial, target)
  } catch (failed) {
    await fs.promises.rm(partial, { force: true })
    throw failed
  }
}

module.exports = { writeWhole }
