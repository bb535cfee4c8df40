// A catalog's product card and a customer's order (PROTOCOL.md, `send` with `product`; `message` with `order`).
// Baileys' own `product` content uploads a picture it fetches first; the pod's card names the catalog's product, whose
// pictures WhatsApp's catalog holds, so the bridge builds WhatsApp's productMessage itself (a ProductSnapshot without
// productImage) and relays it. An order arrives as an orderMessage holding its id, its count of items, its total and a
// token; its items are the seller's to read: one order-details query (`fb:thrift_iq`) with that token.
'use strict'

const ORDER_STATUS = { 1: 'inquiry', 2: 'accepted', 3: 'declined' }
const ORDER_TOKEN = Symbol('order token')

const orNull = value => (value === undefined || value === null || value === '' ? null : value)
const amount = value => (value === undefined || value === null ? null : Number(value))

// The productMessage of the pod's product block
function message(product) {
  return {
    productMessage: {
      product: {
        productId: product.productId, title: product.title, description: product.description || undefined,
        currencyCode: product.currency || undefined, priceAmount1000: product.price ?? undefined,
        retailerId: product.retailerId || undefined, url: product.url || undefined, productImageCount: 0
      },
      businessOwnerJid: product.businessOwnerJid, body: product.body || undefined, footer: product.footer || undefined
    }
  }
}

// A product card or an order a message carries, as the pod's content block has it, or null. An order's token rides
// along unseen (a symbol: never written to the pod) until its items are read.
function block(content) {
  const card = content?.productMessage
  if (card) {
    const product = card.product || {}
    return {
      product: {
        productId: orNull(product.productId), title: orNull(product.title), description: orNull(product.description),
        price: amount(product.priceAmount1000), currency: orNull(product.currencyCode), retailerId: orNull(product.retailerId),
        url: orNull(product.url), imageUrl: null, businessOwnerJid: orNull(card.businessOwnerJid), body: orNull(card.body),
        footer: orNull(card.footer)
      }
    }
  }
  const order = content?.orderMessage
  if (!order) return null
  return {
    order: {
      orderId: orNull(order.orderId), title: orNull(order.orderTitle), message: orNull(order.message),
      itemCount: Number(order.itemCount || 0), status: ORDER_STATUS[order.status] || null, sellerJid: orNull(order.sellerJid),
      total: amount(order.totalAmount1000), currency: orNull(order.totalCurrencyCode), items: []
    },
    [ORDER_TOKEN]: order.token || null
  }
}

// The `message` line of an order with its items as the order's details list them (Baileys' getOrderDetails); without
// them when WhatsApp does not answer (not the seller, no token): the order is still told
async function detailed(socket, line, logger) {
  const token = line[ORDER_TOKEN]
  if (!line.order || !token) return line
  try {
    const details = await socket.getOrderDetails(line.order.orderId, token)
    const items = details.products.map(item => ({
      productId: item.id, name: orNull(item.name), price: Number.isFinite(item.price) ? item.price : null,
      currency: orNull(item.currency), quantity: Number.isFinite(item.quantity) ? item.quantity : 0, imageUrl: orNull(item.imageUrl)
    }))
    return { ...line, order: { ...line.order, items } }
  } catch (error) {
    logger.warn({ orderId: line.order.orderId, error: error.message }, 'an order\'s details could not be read')
    return line
  }
}

module.exports = { message, block, detailed }
