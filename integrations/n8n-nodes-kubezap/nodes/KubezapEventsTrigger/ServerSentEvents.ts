/** One event of a text/event-stream: its `id`, `event` name and `data` (the data lines joined by newlines). */
export interface ServerSentEvent {
	id?: string;
	event: string;
	data: string;
}

/**
 * Reads a text/event-stream as it arrives, chunk by chunk, as the HTML standard's "event stream interpretation" says:
 * lines end in CRLF, LF or CR; a blank line ends an event; a line starting with ':' is a comment (kubezap's
 * heartbeats); `field: value` loses one space after the colon; an event without data is not dispatched.
 */
export class ServerSentEventReader {
	private buffer = '';
	private id: string | undefined;
	private event = '';
	private data: string[] = [];
	private pendingCarriageReturn = false;

	/** The events completed by this chunk, in order. */
	push(chunk: string): ServerSentEvent[] {
		let text = chunk;
		if (this.pendingCarriageReturn && text.startsWith('\n')) {
			text = text.slice(1);
		}
		this.pendingCarriageReturn = text.endsWith('\r');
		this.buffer += text;
		const lines = this.buffer.split(/\r\n|\r|\n/);
		this.buffer = lines.pop() ?? '';
		const completed: ServerSentEvent[] = [];
		for (const line of lines) {
			const event = this.line(line);
			if (event !== undefined) {
				completed.push(event);
			}
		}
		return completed;
	}

	private line(line: string): ServerSentEvent | undefined {
		if (line === '') {
			const dispatched =
				this.data.length > 0
					? { id: this.id, event: this.event || 'message', data: this.data.join('\n') }
					: undefined;
			this.event = '';
			this.data = [];
			return dispatched;
		}
		if (line.startsWith(':')) {
			return undefined;
		}
		const colon = line.indexOf(':');
		const field = colon < 0 ? line : line.slice(0, colon);
		let value = colon < 0 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) {
			value = value.slice(1);
		}
		if (field === 'data') {
			this.data.push(value);
		} else if (field === 'event') {
			this.event = value;
		} else if (field === 'id' && !value.includes('\0')) {
			this.id = value;
		}
		return undefined;
	}
}
