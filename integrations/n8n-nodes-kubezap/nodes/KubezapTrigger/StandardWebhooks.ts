import { createHmac, timingSafeEqual } from 'crypto';

/** How far a delivery's webhook-timestamp may be from now: the Standard Webhooks specification's five minutes. */
export const TOLERANCE_SECONDS = 5 * 60;

/**
 * The HMAC key of a signing secret as kubezap's session pod reads it: `whsec_<base64>` (the Standard Webhooks form) is
 * base64-decoded, any other value is its UTF-8 bytes.
 */
export function signingKey(secret: string): Buffer {
	const trimmed = secret.trim();
	return trimmed.startsWith('whsec_')
		? Buffer.from(trimmed.substring('whsec_'.length), 'base64')
		: Buffer.from(trimmed, 'utf8');
}

/**
 * Why a delivery is not what the secret's holder sent, or undefined when it is: the `webhook-signature` header holds a
 * `v1,` HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>` under the secret's key, and the timestamp is
 * within the tolerance of `nowSeconds`.
 */
export function whyRefused(
	secret: string,
	headers: Record<string, string | string[] | undefined>,
	rawBody: Buffer,
	nowSeconds: number,
): string | undefined {
	const id = single(headers['webhook-id']);
	const timestamp = single(headers['webhook-timestamp']);
	const signatures = single(headers['webhook-signature']);
	if (!id || !timestamp || !signatures) {
		return 'missing webhook-id, webhook-timestamp or webhook-signature header';
	}
	const seconds = Number(timestamp);
	if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - seconds) > TOLERANCE_SECONDS) {
		return 'webhook-timestamp is not within five minutes of now';
	}
	const expected = createHmac('sha256', signingKey(secret))
		.update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), rawBody]))
		.digest();
	const matches = signatures
		.split(' ')
		.filter((signature) => signature.startsWith('v1,'))
		.map((signature) => Buffer.from(signature.substring(3), 'base64'))
		.some((given) => given.length === expected.length && timingSafeEqual(given, expected));
	return matches ? undefined : 'webhook-signature does not match the signing secret';
}

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
