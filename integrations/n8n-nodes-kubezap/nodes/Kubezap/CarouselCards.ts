import type { IDataObject } from 'n8n-workflow';

/**
 * sendCarousel: the node's cards (an image URL, title, body, footer and up to two buttons each, a button given by its
 * label, its id the label when left blank) as the cards POST /carousel takes; blank fields and buttons are left out.
 */
export function carouselCards(cards: IDataObject[]): IDataObject[] {
	return cards.map((entry) => {
		const card: IDataObject = { image: { url: entry.imageUrl } };
		for (const field of ['title', 'body', 'footer']) {
			if (entry[field]) {
				card[field] = entry[field];
			}
		}
		card.buttons = [1, 2]
			.map((n) => ({ id: String(entry[`button${n}Id`] ?? '').trim(), text: String(entry[`button${n}Text`] ?? '').trim() }))
			.filter((button) => button.text)
			.map((button) => ({ id: button.id || button.text, text: button.text }));
		return card;
	});
}
