// Buttons and lists, and a reader's choice on them (PROTOCOL.md, `send` with `buttons` or `list`; `message` with `reply`).
// Baileys 7 has no content for them that today's apps show: WhatsApp delivers them only with a `<biz>` node beside the
// message saying what it is, which the bridge adds when it relays the message it built. Buttons go as WhatsApp Business
// apps send them now, an interactiveMessage whose native-flow buttons are quick replies; a list as a listMessage of
// single-select rows. In a one-to-one chat a `<bot biz_bot="1">` node goes too, as those apps write it.
'use strict'

const SINGLE_SELECT = 1 // ListMessage.ListType.SINGLE_SELECT
const orNull = value => (value === undefined || value === null || value === '' ? null : value)

// The message and the nodes beside it for the pod's `buttons` or `list` block, or null when the request holds neither
function outgoing({ buttons, list }, to) {
  if (buttons) return { message: buttonsMessage(buttons), nodes: nodes(BUTTONS_NODE, to) }
  if (list) return { message: listMessage(list), nodes: nodes(LIST_NODE, to) }
  return null
}

function buttonsMessage({ text, footer, buttons }) {
  return {
    interactiveMessage: {
      body: { text }, ...(footer ? { footer: { text: footer } } : {}),
      nativeFlowMessage: {
        buttons: buttons.map(button => ({
          name: 'quick_reply', buttonParamsJson: JSON.stringify({ display_text: button.text, id: button.id })
        })),
        messageVersion: 1
      }
    }
  }
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
  const flow = content?.interactiveMessage?.nativeFlowMessage
  if (flow) {
    const buttons = (flow.buttons || []).filter(button => button.name === 'quick_reply').map(button => params(button.buttonParamsJson))
      .map(params => ({ id: orNull(params.id), text: orNull(params.display_text) }))
    return { buttons: { text: orNull(content.interactiveMessage.body?.text), footer: orNull(content.interactiveMessage.footer?.text), buttons } }
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
