package io.kubezap.session.keystore.sealing;

import java.io.IOException;

/**
 * The keys that wrap the sessions' data keys, kept by the cluster, never on the volume nor in the database. One is
 * current (new data keys and re-wrapped ones go under it); the others are still accepted until a rotation completes.
 * {@link SecretWrappingKeys} holds them from a Kubernetes Secret; {@link KmsWrappingKeys} asks AWS KMS to wrap and
 * unwrap; {@link ChainedWrappingKeys} accepts several while a cluster moves from one to the other.
 */
public interface WrappingKeys {

    /** The id of the key data keys are wrapped with from now on. */
    String currentId();

    /** {@code dataKey} wrapped under the current key. */
    WrappedDataKey wrap(byte[] dataKey);

    /**
     * @throws IOException      when the key it names is not held (the Secret no longer has it)
     * @throws RuntimeException when the wrapped key is not whole
     */
    byte[] unwrap(WrappedDataKey wrapped) throws IOException;

    /** true when a data key wrapped under {@code keyId} is for these keys to unwrap. */
    boolean holds(String keyId);
}
