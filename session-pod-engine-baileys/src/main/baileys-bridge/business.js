// The account as a WhatsApp Business account (PROTOCOL.md, "The business"): its business profile, on Baileys' functions
// where they send what WhatsApp Business sends.
'use strict'

const text = minutes => minutes === null || minutes === undefined ? undefined : String(minutes)

function businessRequests(socket) {
  return {
    // one `w:biz` delta (Baileys' updateBussinesProfile): the fields given replace WhatsApp's, the rest stay
    async businessProfile({ description, address, email, websites, hours }) {
      await socket().updateBussinesProfile({
        description, address, email, websites,
        hours: hours ? {
          timezone: hours.timezone,
          days: hours.days.map(day => ({
            day: day.day, mode: day.mode, // WhatsApp's attributes are text
            openTimeInMinutes: text(day.openTime), closeTimeInMinutes: text(day.closeTime)
          }))
        } : undefined
      })
      return {}
    },
    // a page of a business's catalog (Baileys' getCatalog: `w:biz:catalog`), its products as the pod names their fields
    async catalog({ jid, limit, cursor }) {
      const { products, nextPageCursor } = await socket().getCatalog({ jid, limit, cursor: cursor || undefined })
      return {
        products: products.map(product => ({
          id: product.id, name: product.name, description: product.description || null,
          price: Number.isFinite(product.price) ? product.price : null, currency: product.currency || null,
          retailerId: product.retailerId || null, url: product.url || null,
          imageUrl: product.imageUrls?.original || product.imageUrls?.requested || null, hidden: product.isHidden
        })),
        nextCursor: nextPageCursor || null
      }
    }
  }
}

module.exports = { businessRequests }
