// Buttons, lists and carousels, and a reader's choice on them (PROTOCOL.md, `send` with `buttons`, `list` or `carousel`;
// `message` with `reply`).
// Baileys 7 has no content for them that today's apps show: WhatsApp delivers them only with a `<biz>` node beside the
// message saying what it is, which the bridge adds when it relays the message it built. Buttons go as WhatsApp Business
// apps send them now, an interactiveMessage whose native-flow buttons are quick replies; a list as a listMessage of
// single-select rows. A carousel is an interactiveMessage too, its carouselMessage's cards each an interactiveMessage of
// its own (an image header, uploaded as any photo is, and quick-reply buttons), delivered with the buttons' node. In a
// one-to-one chat a `<bot biz_bot="1">` node goes too, as those apps write it.
'use strict'
const { prepareWAMessageMedia } = require('./baileys').api

const SINGLE_SELECT = 1 // ListMessage.ListType.SINGLE_SELECT
const orNull = value => (value === undefined || value === null || value === '' ? null : value)

// The message (a function: a carousel's images are uploaded when it is built, once however often it is sent) and the
// nodes beside it for the pod's `buttons`, `list` or `carousel` block, or null when the request holds none.
// `upload`: Baileys' socket's waUploadToServer.
function outgoing({ buttons, list, carousel }, to, upload) {
  if (buttons) return { message: async () => ({ interactiveMessage: buttonsMessage(buttons) }), nodes: nodes(BUTTONS_NODE, to) }
  if (list) return { message: async () => listMessage(list), nodes: nodes(LIST_NODE, to) }
  if (carousel) return { message: once(() => carouselMessage(carousel, upload)), nodes: nodes(BUTTONS_NODE, to) }
  return null
}

function buttonsMessage({ text, footer, buttons }) {
  return {
    body: { text }, ...(footer ? { footer: { text: footer } } : {}),
    nativeFlowMessage: {
      buttons: buttons.map(button => ({
        name: 'quick_reply', buttonParamsJson: JSON.stringify({ display_text: button.text, id: button.id })
      })),
      messageVersion: 1
    }
  }
}

async function carouselMessage({ text, footer, cards }, upload) {
  const built = []
  for (const card of cards) built.push(await cardMessage(card, upload)) // one upload at a time, in card order
  return {
    interactiveMessage: {
      body: { text }, ...(footer ? { footer: { text: footer } } : {}),
      carouselMessage: { cards: built, messageVersion: 1 }
    }
  }
}

// A card: its picture uploaded from the pod's file (Baileys' prepareWAMessageMedia, as for any photo) as the header
async function cardMessage({ image, title, body, footer, buttons }, upload) {
  const { imageMessage } = await prepareWAMessageMedia({ image: { url: image.path }, ...(image.mimeType ? { mimetype: image.mimeType } : {}) },
    { upload })
  return {
    header: { ...(title ? { title } : {}), hasMediaAttachment: true, imageMessage },
    ...buttonsMessage({ text: body, footer, buttons })
  }
}

function once(build) {
  let built
  return () => (built ??= build())
}

function listMessage({ text, footer, buttonText, sections }) {
  return {
    listMessage: {
      description: text, buttonText, listType: SINGLE_SELECT, ...(footer ? { footerText: footer } : {}),
      sections: sections.map(section => ({
        ...(section.title ? { title: section.title } : {}),
        rows: section.rows.map(row => ({ rowId: row.id, title: row.title, ...(row.description ? { description: row.description } : {}) }))
      }))
    }
  }
}

const BUTTONS_NODE = {
  tag: 'biz', attrs: {},
  content: [{ tag: 'interactive', attrs: { type: 'native_flow', v: '1' }, content: [{ tag: 'native_flow', attrs: { v: '9', name: 'mixed' } }] }]
}
const LIST_NODE = { tag: 'biz', attrs: {}, content: [{ tag: 'list', attrs: { type: 'product_list', v: '2' } }] }

function nodes(biz, to) {
  return to.endsWith('@g.us') ? [biz] : [biz, { tag: 'bot', attrs: { biz_bot: '1' } }]
}

// Buttons, a list or a reader's choice a message carries, as the pod's content blocks have them, or null
function block(content) {
  const choice = reply(content)
  if (choice) return { reply: choice }
  const cards = content?.interactiveMessage?.carouselMessage?.cards
  if (cards) return { carousel: { ...texts(content.interactiveMessage), cards: cards.map(receivedCard) } }
  const flow = content?.interactiveMessage?.nativeFlowMessage
  if (flow) {
    return { buttons: { ...texts(content.interactiveMessage), buttons: quickReplies(flow) } }
  }
  const list = content?.listMessage
  if (list) {
    return {
      list: {
        text: orNull(list.description), footer: orNull(list.footerText), buttonText: orNull(list.buttonText),
        sections: (list.sections || []).map(section => ({
          title: orNull(section.title),
          rows: (section.rows || []).map(row => ({ id: orNull(row.rowId), title: orNull(row.title), description: orNull(row.description) }))
        }))
      }
    }
  }
  return null
}

const texts = interactive => ({ text: orNull(interactive.body?.text), footer: orNull(interactive.footer?.text) })

function quickReplies(flow) {
  return (flow?.buttons || []).filter(button => button.name === 'quick_reply').map(button => params(button.buttonParamsJson))
    .map(params => ({ id: orNull(params.id), text: orNull(params.display_text) }))
}

// A card as the pod's block has it: its image as known before any download (type, size, SHA-256 in hex)
function receivedCard(card) {
  const image = card.header?.imageMessage
  return {
    image: image ? { mimeType: orNull(image.mimetype), size: image.fileLength ? Number(image.fileLength) : null,
      sha256: image.fileSha256?.length ? Buffer.from(image.fileSha256).toString('hex') : null } : null,
    title: orNull(card.header?.title), body: orNull(card.body?.text), footer: orNull(card.footer?.text),
    buttons: quickReplies(card.nativeFlowMessage)
  }
}

// A choice, whichever of WhatsApp's four replies carries it: a native-flow answer (today's apps, to buttons and lists
// sent as above: its parameters' `id`), or the older buttons, template-button and list replies
function reply(content) {
  const answer = content?.interactiveResponseMessage
  if (answer?.nativeFlowResponseMessage) {
    const flow = answer.nativeFlowResponseMessage
    return { type: flow.name === 'single_select' ? 'list_reply' : 'button_reply', selectedId: orNull(params(flow.paramsJson).id),
      selectedText: orNull(answer.body?.text) }
  }
  const button = content?.buttonsResponseMessage
  if (button) return { type: 'button_reply', selectedId: orNull(button.selectedButtonId), selectedText: orNull(button.selectedDisplayText) }
  const template = content?.templateButtonReplyMessage
  if (template) return { type: 'button_reply', selectedId: orNull(template.selectedId), selectedText: orNull(template.selectedDisplayText) }
  const row = content?.listResponseMessage
  if (row) return { type: 'list_reply', selectedId: orNull(row.singleSelectReply?.selectedRowId), selectedText: orNull(row.title) }
  return null
}

function params(json) {
  try {
    return JSON.parse(json || '{}') || {}
  } catch {
    return {}
  }
}

module.exports = { outgoing, block }
