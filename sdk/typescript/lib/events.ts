import { Configuration } from '../src';

/** One event as the stream sends it (the gateway adds namespace and session). */
export interface LiveEvent {
  id: number;
  type: string;
  occurredAt: string;
  namespace?: string;
  session?: string;
  payload: any;
}

export interface FollowOptions {
  /** The session's namespace through the gateway; left out, the path is the default namespace's (or a pod's own). */
  namespace?: string;
  session: string;
  /** Only these event types (e.g. message.received). */
  types?: string[];
  /** Resume after this event id. */
  lastEventId?: number;
  signal?: AbortSignal;
}

/**
 * GET …/events/stream: connected when the promise resolves, then event by event until the signal aborts or the server
 * ends the stream (leaving the loop early closes the connection). The same call works against the gateway and against
 * a session pod directly (whose paths are the gateway's default-namespace paths).
 */
export async function followEvents(config: Configuration, options: FollowOptions): Promise<AsyncGenerator<LiveEvent>> {
  const response = await fetch(streamUrl(config, options), {
    headers: await headers(config, options),
    signal: options.signal,
  });
  if (!response.ok || !response.body) {
    throw new Error(`the event stream answered ${response.status}: ${await response.text()}`);
  }
  // The body is taken now, not when the caller starts iterating: Node's fetch (undici) cancels the unread body of a
  // Response that was garbage collected, and nothing else holds the Response while the caller sends and lists first.
  return events(response.body.getReader());
}

async function* events(body: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<LiveEvent> {
  let data: string[] = [];
  for await (const line of lines(body)) {
    if (line.startsWith('data:')) {
      data.push(line.slice(5).trimStart());
    } else if (line === '' && data.length > 0) {
      yield JSON.parse(data.join('\n')) as LiveEvent;
      data = [];
    }
  }
}

function streamUrl(config: Configuration, options: FollowOptions): string {
  const session = encodeURIComponent(options.session);
  const path = options.namespace
    ? `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/sessions/${session}/events/stream`
    : `/api/v1/sessions/${session}/events/stream`;
  const query = new URLSearchParams();
  (options.types ?? []).forEach((type) => query.append('type', type));
  return config.basePath + path + (query.size > 0 ? `?${query}` : '');
}

async function headers(config: Configuration, options: FollowOptions): Promise<Record<string, string>> {
  const all: Record<string, string> = { Accept: 'text/event-stream' };
  if (config.apiKey) {
    all['X-Api-Key'] = await config.apiKey('X-Api-Key');
  }
  if (options.lastEventId !== undefined) {
    all['Last-Event-ID'] = String(options.lastEventId);
  }
  return all;
}

async function* lines(body: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (let chunk = await body.read(); !chunk.done; chunk = await body.read()) {
      buffered += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        yield buffered.slice(0, end).replace(/\r$/, '');
        buffered = buffered.slice(end + 1);
      }
    }
  } finally {
    await body.cancel().catch(() => undefined);
  }
}
