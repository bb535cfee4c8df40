// The events trigger's stream reader (dist/, after `npm run build`) on what kubezap's event stream sends: a comment on
// opening, heartbeats, events with id, name and one JSON data line, cut anywhere by the network: `node --test test/`.
const { test } = require('node:test');
const assert = require('node:assert');
const { ServerSentEventReader } = require('../dist/nodes/KubezapEventsTrigger/ServerSentEvents.js');

const stream =
	': kubezap event stream; resuming after event 41\n\n' +
	'id:42\nevent:message.received\ndata:{"id":42,"type":"message.received","payload":{"text":"Olá"}}\n\n' +
	': heartbeat\n\n' +
	'id: 43\r\nevent: message.sent\r\ndata: {"id":43}\r\n\r\n';

function readAll(chunks) {
	const reader = new ServerSentEventReader();
	return chunks.flatMap((chunk) => reader.push(chunk));
}

test('events with their id, name and data; comments and heartbeats are no events', () => {
	assert.deepStrictEqual(readAll([stream]), [
		{ id: '42', event: 'message.received', data: '{"id":42,"type":"message.received","payload":{"text":"Olá"}}' },
		{ id: '43', event: 'message.sent', data: '{"id":43}' },
	]);
});

test('the same events whichever way the network cuts the stream, a CRLF included', () => {
	const whole = readAll([stream]);
	for (let cut = 1; cut < stream.length; cut++) {
		assert.deepStrictEqual(readAll([stream.slice(0, cut), stream.slice(cut)]), whole, `cut at ${cut}`);
	}
	assert.deepStrictEqual(readAll(stream.split('')), whole, 'one character at a time');
});

test('an event is dispatched only at its blank line; data lines join with newlines; the id carries over', () => {
	const reader = new ServerSentEventReader();
	assert.deepStrictEqual(reader.push('id: 7\ndata: first\ndata:  second'), []);
	assert.deepStrictEqual(reader.push('\n\n'), [{ id: '7', event: 'message', data: 'first\n second' }]);
	assert.deepStrictEqual(reader.push('event: ping\n\ndata: x\n\n'), [{ id: '7', event: 'message', data: 'x' }]);
});
