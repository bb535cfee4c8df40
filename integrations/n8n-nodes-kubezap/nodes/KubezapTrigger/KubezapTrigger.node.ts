import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventTypes } from './EventTypes';
import { whyRefused } from './StandardWebhooks';

// kubezap's webhooks are declared in the WhatsAppSession (spec.webhooks, usually kept in Git): registering one from n8n
// would rewrite the session's spec and roll its pod. The URL is added to the manifest once instead (docs/integrations/n8n.md).
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class KubezapTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'kubezap Trigger',
		name: 'kubezapTrigger',
		icon: { light: 'file:kubezap.svg', dark: 'file:kubezap.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ") || "every event"}}',
		description: 'Starts the workflow when a kubezap session delivers a signed webhook',
		defaults: {
			name: 'kubezap Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kubezapApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Add this node's production URL to the session's spec.webhooks, with a secretRef to a Secret holding the same value as the credential's Webhook Signing Secret. Requests without a valid signature are refused with 401.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				description:
					'Event types that start the workflow; none selected: every event the session delivers here',
				options: eventTypes,
				default: [],
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const credentials = await this.getCredentials('kubezapApi');
		const secret = (credentials.webhookSecret as string | undefined) ?? '';
		if (secret.trim() === '') {
			this.getResponseObject()
				.status(401)
				.json({ error: 'invalid signature', detail: 'the credential has no webhook signing secret' });
			return { noWebhookResponse: true };
		}
		const rawBody: Buffer = Buffer.isBuffer(request.rawBody)
			? request.rawBody
			: Buffer.from(JSON.stringify(request.body ?? {}), 'utf8');
		const refused = whyRefused(
			secret,
			request.headers,
			rawBody,
			Math.floor(Date.now() / 1000),
		);
		if (refused !== undefined) {
			this.getResponseObject().status(401).json({ error: 'invalid signature', detail: refused });
			return { noWebhookResponse: true };
		}
		const delivery = this.getBodyData() as IDataObject;
		const wanted = this.getNodeParameter('events', []) as string[];
		if (wanted.length > 0 && !wanted.includes(delivery.event as string)) {
			return { webhookResponse: { skipped: delivery.event } };
		}
		return { workflowData: [this.helpers.returnJsonArray(delivery)] };
	}
}
