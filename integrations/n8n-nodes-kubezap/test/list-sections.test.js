// Send List's rows as the sections POST /lists takes (dist/, after `npm run build`): `node --test test/`.
const { test } = require('node:test');
const assert = require('node:assert');
const { listSections } = require('../dist/nodes/Kubezap/ListSections.js');

test('rows grouped by their section title, in the order the titles first appear', () => {
	const rows = [
		{ id: 'sat-am', title: 'Manhã', section: 'Sábado', description: '8h às 12h' },
		{ id: 'sun-am', title: 'Manhã', section: 'Domingo', description: '' },
		{ id: 'sat-pm', title: 'Tarde', section: 'Sábado' },
	];
	assert.deepStrictEqual(listSections(rows), [
		{
			title: 'Sábado',
			rows: [
				{ id: 'sat-am', title: 'Manhã', description: '8h às 12h' },
				{ id: 'sat-pm', title: 'Tarde' },
			],
		},
		{ title: 'Domingo', rows: [{ id: 'sun-am', title: 'Manhã' }] },
	]);
});

test('rows without a section title make one untitled section', () => {
	assert.deepStrictEqual(listSections([{ id: 'a', title: 'A' }, { id: 'b', title: 'B', section: ' ' }]), [
		{ rows: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] },
	]);
});
