import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class KubezapApi implements ICredentialType {
	name = 'kubezapApi';

	displayName = 'Kubezap API';

	icon: Icon = { light: 'file:../nodes/Kubezap/kubezap.svg', dark: 'file:../nodes/Kubezap/kubezap.dark.svg' };

	documentationUrl = 'https://github.com/kubezap/kubezap/blob/main/docs/integrations/n8n.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Gateway URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://kubezap.example.com',
			description: 'Where the kubezap gateway answers, without /api/v1',
			required: true,
		},
		{
			displayName: 'Send the Key As',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'X-Api-Key Header (Gateway Key)',
					value: 'apiKey',
				},
				{
					name: 'Authorization: Bearer (Gateway Key or ServiceAccount Token)',
					value: 'bearer',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key or Token',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"For the kubezap Trigger: the value of the Secret key that the session's webhook secretRef names (whsec_… or any other string)",
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = credentials.apiKey as string;
		const header: Record<string, string> =
			credentials.authentication === 'bearer'
				? { Authorization: `Bearer ${key}` }
				: { 'X-Api-Key': key };
		return { ...requestOptions, headers: { ...requestOptions.headers, ...header } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/access',
		},
	};
}
