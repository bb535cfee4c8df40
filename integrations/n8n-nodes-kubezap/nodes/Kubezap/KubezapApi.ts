import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * One call of a session's REST API through the gateway ({@link sessionUrl}), under the item's session and namespace.
 * A refusal (an RFC 9457 problem) becomes a NodeApiError carrying it.
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
	const options: IHttpRequestOptions = {
		method,
		url:
			sessionUrl(
				credentials.baseUrl as string,
				this.getNodeParameter('session', itemIndex) as string,
				this.getNodeParameter('namespace', itemIndex, '') as string,
			) + path,
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

/**
 * A session's REST API through the gateway: with a namespace `/api/v1/namespaces/{namespace}/sessions/{session}`,
 * without one the gateway's default namespace `/api/v1/sessions/{session}`.
 */
export function sessionUrl(baseUrl: string, session: string, namespace: string): string {
	const gateway = baseUrl.replace(/\/+$/, '');
	const name = encodeURIComponent(session);
	const trimmed = namespace.trim();
	return trimmed
		? `${gateway}/api/v1/namespaces/${encodeURIComponent(trimmed)}/sessions/${name}`
		: `${gateway}/api/v1/sessions/${name}`;
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
