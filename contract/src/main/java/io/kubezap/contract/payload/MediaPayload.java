package io.kubezap.contract.payload;

/**
 * How an event carries a message's file ({@code spec.events.payload.media}; the CRD's enum and the pod's setting use
 * these names): {@code Url}, a signed, expiring link ({@code media.url}, WAHA's field); {@code Base64}, the file itself
 * ({@code media.base64}, Evolution API's {@code webhookBase64}) when it is at most {@code base64MaxSize}, else the link.
 */
public enum MediaPayload { Url, Base64 }
