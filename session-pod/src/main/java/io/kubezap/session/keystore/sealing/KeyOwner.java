package io.kubezap.session.keystore.sealing;

/** The session whose data key is wrapped: KMS binds each wrapped key to it, so it opens for that session only. */
public record KeyOwner(String namespace, String session) {
}
