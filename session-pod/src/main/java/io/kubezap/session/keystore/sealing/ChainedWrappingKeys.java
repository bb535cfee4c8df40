package io.kubezap.session.keystore.sealing;

import java.io.IOException;
import java.util.List;

/**
 * Several key sources at once, the first current: how a cluster moves from its Secret's keys to a KMS key (or back)
 * without re-linking. Data keys wrapped under the older source still open and are re-wrapped under the current one at
 * the next start.
 */
final class ChainedWrappingKeys implements WrappingKeys {

    private final List<WrappingKeys> sources;

    /** {@code sources}: the current one first. */
    ChainedWrappingKeys(List<WrappingKeys> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public String currentId() {
        return sources.getFirst().currentId();
    }

    @Override
    public WrappedDataKey wrap(byte[] dataKey) {
        return sources.getFirst().wrap(dataKey);
    }

    @Override
    public byte[] unwrap(WrappedDataKey wrapped) throws IOException {
        var source = sources.stream().filter(each -> each.holds(wrapped.keyId())).findFirst().orElse(sources.getFirst());
        return source.unwrap(wrapped); // none holds it: the current source's refusal names the key
    }

    @Override
    public boolean holds(String keyId) {
        return sources.stream().anyMatch(source -> source.holds(keyId));
    }
}
