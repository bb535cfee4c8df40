import type { INodeProperties } from 'n8n-workflow';

/** Which session a node works on: its name and namespace, as the gateway's paths take them. */
export const sessionFields: INodeProperties[] = [
	{
		displayName: 'Session',
		name: 'session',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'loja-01',
		description: 'Name of the WhatsAppSession',
	},
	{
		displayName: 'Namespace',
		name: 'namespace',
		type: 'string',
		default: '',
		placeholder: 'shop',
		description: "The session's namespace; empty: the gateway's default namespace",
	},
];
