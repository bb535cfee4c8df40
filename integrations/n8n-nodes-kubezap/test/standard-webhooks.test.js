// The trigger's signature check (dist/, after `npm run build`) against deliveries signed by the Standard Webhooks
// reference library (`standardwebhooks`), as kubezap's session pod signs them: `node --test test/`.
const { test } = require('node:test');
const assert = require('node:assert');
const { Webhook } = require('standardwebhooks');
const { whyRefused } = require('../dist/nodes/KubezapTrigger/StandardWebhooks.js');

const secret = 'whsec_' + Buffer.from('a signing key of the test').toString('base64');
const body = '{"event":"message.received","data":{"text":"Olá"}}';
const now = Math.floor(Date.now() / 1000);

function headers(key, id, seconds, payload) {
	return {
		'webhook-id': id,
		'webhook-timestamp': String(seconds),
		'webhook-signature': new Webhook(key).sign(id, new Date(seconds * 1000), payload),
	};
}

test('a delivery signed with the secret passes', () => {
	assert.strictEqual(whyRefused(secret, headers(secret, 'msg_1', now, body), Buffer.from(body), now), undefined);
});

test('a raw (not whsec_) secret is its UTF-8 bytes, as the pod reads it', () => {
	const raw = 'um segredo qualquer';
	const signed = headers(Buffer.from(raw, 'utf8').toString('base64'), 'msg_2', now, body);
	assert.strictEqual(whyRefused(raw, signed, Buffer.from(body), now), undefined);
});

test('another key, a changed body, a stale timestamp or missing headers are refused', () => {
	const other = 'whsec_' + Buffer.from('somebody else').toString('base64');
	assert.match(whyRefused(secret, headers(other, 'msg_3', now, body), Buffer.from(body), now), /does not match/);
	assert.match(
		whyRefused(secret, headers(secret, 'msg_4', now, body), Buffer.from(body.replace('Olá', 'Oi')), now),
		/does not match/,
	);
	assert.match(whyRefused(secret, headers(secret, 'msg_5', now - 301, body), Buffer.from(body), now), /five minutes/);
	assert.match(whyRefused(secret, {}, Buffer.from(body), now), /missing/);
});

test('one matching signature among several (a key rotation) passes', () => {
	const signed = headers(secret, 'msg_6', now, body);
	const other = 'whsec_' + Buffer.from('the previous key').toString('base64');
	signed['webhook-signature'] =
		new Webhook(other).sign('msg_6', new Date(now * 1000), body) + ' ' + signed['webhook-signature'];
	assert.strictEqual(whyRefused(secret, signed, Buffer.from(body), now), undefined);
});
