package io.kubezap.session.engine;

import java.time.Instant;
import java.util.UUID;

/**
 * The WhatsApp key store's files as they were on the volume: the engine's encoding of its keys and of its store, for
 * {@code device} (the engine's id of the linked device), written to the volume at {@code writtenAt}.
 */
public record KeyStoreCopy(UUID device, byte[] keys, byte[] store, Instant writtenAt) {
}
