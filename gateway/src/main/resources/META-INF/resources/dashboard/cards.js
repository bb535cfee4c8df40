// The kinds WhatsApp Business apps send, shown as their cards in the inbox's thread: reply buttons, a list in sections,
// the reader's choice of either, a carousel of cards, a catalog's product and a customer's order. Each card shows the
// message's text itself.
import {el} from './api.js';

/** The message's card, or null for a kind without one (its text, if any, is shown as it is). */
export function card(m) {
  if (m.buttons) {
    return buttons(m.buttons);
  }
  if (m.list) {
    return list(m.list);
  }
  if (m.carousel) {
    return carousel(m.carousel);
  }
  if (m.reply) {
    return el('p', 'card choice', `chose ${m.reply.selectedText || m.reply.selectedId}`);
  }
  if (m.product) {
    return product(m.product);
  }
  if (m.order) {
    return order(m.order);
  }
  return null;
}

function buttons(b) {
  const block = framed('buttons', [], b.text, b.footer);
  block.append(choices((b.buttons || []).map(button => el('li', 'choice', button.text))));
  return block;
}

function list(l) {
  const block = framed('list', [], l.text, l.footer);
  block.append(el('p', 'list-button', `☰ ${l.buttonText || ''}`));
  (l.sections || []).forEach(section => {
    if (section.title) {
      block.append(el('p', 'section-title', section.title));
    }
    block.append(choices((section.rows || []).map(row =>
      el('li', 'choice', row.description ? `${row.title} — ${row.description}` : row.title))));
  });
  return block;
}

/** The cards in the order the reader swipes them; their pictures have no link of their own, so each shows its place. */
function carousel(c) {
  const block = framed('carousel', [], c.text, null);
  const row = el('div', 'carousel-cards');
  row.append(...(c.cards || []).map(each => {
    const picture = el('div', 'card-picture', 'picture');
    picture.setAttribute('role', 'img');
    picture.setAttribute('aria-label', `picture of ${each.title || 'the card'}`);
    const shown = framed('carousel-card', [picture, ...(each.title ? [el('p', 'card-title', each.title)] : [])], each.body, each.footer);
    shown.append(choices((each.buttons || []).map(button => el('li', 'choice', button.text))));
    return shown;
  }));
  block.append(row);
  if (c.footer) {
    block.append(el('p', 'footer', c.footer));
  }
  return block;
}

function product(p) {
  const head = [el('p', 'card-title', `🛍 ${p.title || p.productId}`), el('p', 'price', price(p.price, p.currency))];
  if (p.description) {
    head.push(el('p', 'description', p.description));
  }
  return framed('product', head, p.body, p.footer);
}

function order(o) {
  const count = o.itemCount || (o.items || []).reduce((sum, item) => sum + (item.quantity || 0), 0);
  const title = [`🧾 Order ${o.title || o.orderId || ''}`.trim(), `${count} item${count === 1 ? '' : 's'}`, price(o.total, o.currency)];
  const block = framed('order', [el('p', 'card-title', title.filter(Boolean).join(' · '))], o.message, null);
  block.append(choices((o.items || []).map(item =>
    el('li', 'order-item', [`${item.quantity} × ${item.name || item.productId}`, price(item.price, item.currency)]
      .filter(Boolean).join(' · ')))));
  return block;
}

/** A card of {@code kind}: its heading elements, then its text and footer where given. */
function framed(kind, head, text, footer) {
  const block = el('div', `card ${kind}`);
  block.append(...head);
  if (text) {
    block.append(el('p', 'text', text));
  }
  if (footer) {
    block.append(el('p', 'footer', footer));
  }
  return block;
}

function choices(items) {
  const ul = el('ul', 'choices');
  ul.append(...items);
  return ul;
}

/** WhatsApp's prices are thousandths of the currency's unit. */
function price(thousandths, currency) {
  return thousandths === undefined || thousandths === null ? '' : `${currency || ''} ${(thousandths / 1000).toFixed(2)}`.trim();
}
