// Send Carousel's cards as the cards POST /carousel takes (dist/, after `npm run build`): `node --test test/`.
const { test } = require('node:test');
const assert = require('node:assert');
const { carouselCards } = require('../dist/nodes/Kubezap/CarouselCards.js');

test('each card with its picture, texts and buttons, blank ones left out, an id the label when blank', () => {
	const cards = [
		{ imageUrl: 'https://example.com/choco.jpg', title: 'Chocolate', body: 'Bolo de 1 kg', footer: '',
			button1Id: 'choco-buy', button1Text: 'Comprar', button2Id: '', button2Text: 'Detalhes' },
		{ imageUrl: 'https://example.com/cenoura.jpg', title: '', body: 'Cenoura', button1Id: 'cen-buy',
			button1Text: 'Comprar', button2Text: ' ' },
	];
	assert.deepStrictEqual(carouselCards(cards), [
		{ image: { url: 'https://example.com/choco.jpg' }, title: 'Chocolate', body: 'Bolo de 1 kg',
			buttons: [{ id: 'choco-buy', text: 'Comprar' }, { id: 'Detalhes', text: 'Detalhes' }] },
		{ image: { url: 'https://example.com/cenoura.jpg' }, body: 'Cenoura', buttons: [{ id: 'cen-buy', text: 'Comprar' }] },
	]);
});
