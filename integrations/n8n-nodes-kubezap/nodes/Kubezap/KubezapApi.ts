import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * One call of a session's REST API through the gateway, under the item's session and namespace: with a namespace
 * `/api/v1/namespaces/{namespace}/sessions/{session}{path}`, without one the gateway's default namespace
 * `/api/v1/sessions/{session}{path}`. A refusal (an RFC 9457 problem) becomes a NodeApiError carrying it.
 */
export async function sessionRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	qs?: IDataObject,
): Promise<IDataObject> {
	const credentials = await this.getCredentials('kubezapApi');
	const gateway = (credentials.baseUrl as string).replace(/\/+$/, '');
	const session = encodeURIComponent(this.getNodeParameter('session', itemIndex) as string);
	const namespace = (this.getNodeParameter('namespace', itemIndex, '') as string).trim();
	const sessionPath = namespace
		? `/api/v1/namespaces/${encodeURIComponent(namespace)}/sessions/${session}`
		: `/api/v1/sessions/${session}`;
	const options: IHttpRequestOptions = {
		method,
		url: gateway + sessionPath + path,
		json: true,
	};
	if (body !== undefined) {
		options.body = body;
	}
	if (qs !== undefined) {
		options.qs = withoutEmpty(qs);
	}
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			'kubezapApi',
			options,
		)) as IDataObject;
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
	}
}

/** A chat as the API's paths take it: a bare phone number or +number becomes its @s.whatsapp.net JID. */
export function chatJid(chat: string): string {
	const trimmed = chat.trim();
	const digits = trimmed.replace(/^\+/, '');
	return /^\d+$/.test(digits) ? `${digits}@s.whatsapp.net` : trimmed;
}

/** Comma- or newline-separated values, trimmed, without empty ones. */
export function list(values: string): string[] {
	return values
		.split(/[,\n]/)
		.map((value) => value.trim())
		.filter((value) => value.length > 0);
}

function withoutEmpty(qs: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(qs).filter(([, value]) => value !== undefined && value !== '' && value !== null),
	);
}
