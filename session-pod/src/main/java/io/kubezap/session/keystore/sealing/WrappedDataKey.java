package io.kubezap.session.keystore.sealing;

/** A data key as it may be kept: encrypted under the wrapping key {@code keyId}. */
public record WrappedDataKey(String keyId, byte[] wrapped) {
}
