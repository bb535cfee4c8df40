// Contact profiles (PROTOCOL.md, `profile`, `picture`, `fetchPicture`): the three queries WhatsApp's clients make (the
// about text, the picture's URL, the business profile), and the picture itself, a plain JPEG on WhatsApp's CDN.
'use strict'
const fs = require('node:fs')
const { pipeline } = require('node:stream/promises')
const { Transform } = require('node:stream')
const { getHttpStream } = require('./baileys').api
const { writeWhole } = require('./files')

// WhatsApp serves pictures of at most 640x640: anything larger is not one
const PICTURE_MAX_BYTES = 5 * 1024 * 1024

// WhatsApp answers a picture query with an error when there is none, or privacy hides it: no picture then.
async function pictureOf(sock, jid) {
  const url = await sock.profilePictureUrl(jid, 'image').catch(() => undefined)
  if (!url) return null
  // the answer's id is not returned by Baileys; the URL's file name changes with every new picture, like the id
  return { id: new URL(url).pathname.split('/').pop(), url }
}

function business(profile) {
  if (!profile) return null
  return {
    description: profile.description || null, address: profile.address || null, email: profile.email || null,
    websites: profile.website || [], categories: profile.category ? [formDecoded(profile.category)] : [],
    hours: hours(profile.business_hours)
  }
}

// Baileys passes the hours' days on as WhatsApp's attributes (day_of_week, mode, open_time, close_time: minutes, as text)
function hours(businessHours) {
  if (!businessHours?.business_config) return null
  const minutes = text => text === undefined ? null : Number(text)
  return {
    timezone: businessHours.timezone || null,
    days: businessHours.business_config.map(day => ({
      day: day.day_of_week, mode: day.mode, openTime: minutes(day.open_time), closeTime: minutes(day.close_time)
    }))
  }
}

// WhatsApp sends a business category URL-encoded as a form field ("Home+Improvement"); Baileys passes it on as it came.
function formDecoded(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function profileRequests(socket, requestOptions) {
  return {
    async profile({ jid }) {
      const sock = socket()
      const [about, picture, businessProfile] = await Promise.all([
        sock.fetchStatus(jid).catch(() => undefined), pictureOf(sock, jid), sock.getBusinessProfile(jid).catch(() => undefined)
      ])
      const status = about?.[0]?.status
      return {
        about: status?.status || null, aboutSetAt: status?.status && status.setAt ? status.setAt.getTime() : null,
        picture, business: business(businessProfile)
      }
    },
    async picture({ jid }) {
      return { picture: await pictureOf(socket(), jid) }
    },
    async fetchPicture({ url, target }) {
      await writeWhole(target, async partial => {
        let size = 0
        const body = await getHttpStream(url, requestOptions())
        const bounded = new Transform({
          transform(chunk, encoding, done) {
            size += chunk.length
            done(size > PICTURE_MAX_BYTES ? new Error('not a profile picture: over ' + PICTURE_MAX_BYTES + ' bytes') : null, chunk)
          }
        })
        await pipeline(body, bounded, fs.createWriteStream(partial))
      })
      return {}
    }
  }
}

module.exports = { profileRequests }
