import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, sleep } from 'n8n-workflow';

import { list, sessionUrl } from '../Kubezap/KubezapApi';
import { sessionFields } from '../Kubezap/SessionFields';
import { eventTypes } from '../KubezapTrigger/EventTypes';
import { ServerSentEventReader } from './ServerSentEvents';

/** What the session's stream sends when it drops a reader that fell behind; the trigger reconnects and resumes. */
const STREAM_DROPPED = 'stream.dropped';
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 15_000;

export class KubezapEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'kubezap Events Trigger',
		name: 'kubezapEventsTrigger',
		icon: { light: 'file:kubezap.svg', dark: 'file:kubezap.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["session"]}}',
		description:
			"Starts the workflow on a session's events, read from the gateway's live event stream (Server-Sent Events): no webhook to declare",
		defaults: {
			name: 'kubezap Events Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kubezapApi',
				required: true,
			},
		],
		properties: [
			...sessionFields,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				description: 'Event types that start the workflow; none selected: every event of the session',
				options: eventTypes,
				default: [],
			},
			{
				displayName: 'Chats',
				name: 'chats',
				type: 'string',
				default: '',
				placeholder: '5511999999999, direct',
				description:
					'Only events about these chats: phone numbers, JIDs, or groups, direct, status, newsletters (separated by commas); empty: every chat',
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const credentials = await this.getCredentials('kubezapApi');
		const session = this.getNodeParameter('session') as string;
		const namespace = this.getNodeParameter('namespace', '') as string;
		const qs: IDataObject = {};
		const events = this.getNodeParameter('events', []) as string[];
		if (events.length > 0) {
			qs.type = events.join(',');
		}
		const chats = list(this.getNodeParameter('chats', '') as string);
		if (chats.length > 0) {
			qs.chats = chats.join(',');
		}
		const url = sessionUrl(credentials.baseUrl as string, session, namespace) + '/events/stream';
		const stop = new AbortController();
		const stopped = new Promise<void>((resolve) =>
			stop.signal.addEventListener('abort', () => resolve(), { once: true }),
		);
		let lastEventId: string | undefined;
		let retryMs = FIRST_RETRY_MS;

		// One connection at a time, resumed after the last event seen (Last-Event-ID), until the workflow is unpublished.
		const follow = async () => {
			while (!stop.signal.aborted) {
				try {
					const headers: IDataObject = { Accept: 'text/event-stream' };
					if (lastEventId !== undefined) {
						headers['Last-Event-ID'] = lastEventId;
					}
					const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'kubezapApi', {
						method: 'GET',
						url,
						qs,
						headers,
						encoding: 'stream',
						json: false,
						abortSignal: stop.signal,
					})) as AsyncIterable<Buffer | string>;
					this.logger.info(`kubezap event stream of ${session}: connected`);
					const reader = new ServerSentEventReader();
					for await (const chunk of body) {
						for (const event of reader.push(chunk.toString())) {
							lastEventId = event.id ?? lastEventId;
							retryMs = FIRST_RETRY_MS;
							if (event.event === STREAM_DROPPED) {
								this.logger.warn(`kubezap event stream of ${session} dropped: ${event.data}`);
								continue;
							}
							const stored = JSON.parse(event.data) as IDataObject;
							this.emit([
								this.helpers.returnJsonArray({
									event: stored.type,
									session,
									namespace: namespace.trim() || undefined,
									timestamp: stored.occurredAt,
									eventId: stored.id,
									data: stored.payload,
								}),
							]);
						}
					}
				} catch (error) {
					if (stop.signal.aborted) {
						return;
					}
					this.logger.warn(
						`kubezap event stream of ${session}: ${(error as Error).message}; reconnecting in ${retryMs} ms`,
					);
				}
				await Promise.race([sleep(retryMs), stopped]);
				retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
			}
		};
		follow().catch((error: Error) => this.emitError(error));

		return {
			closeFunction: async () => stop.abort(),
		};
	}
}
