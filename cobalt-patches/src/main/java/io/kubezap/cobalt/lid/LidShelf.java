package io.kubezap.cobalt.lid;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Each number's LID, kept in Cobalt's store properties ({@code kubezap.lid.<number>} = {@code <lid user>}), which Cobalt
 * writes with {@code store.proto}: they survive a restart and move with the store in storage mode Database.
 */
final class LidShelf {
    private static final String PREFIX = "kubezap.lid.";

    private final Map<String, String> properties;
    private final Consumer<Map<String, String>> write;

    /** {@code properties}: the store's (read-only) view; {@code write}: how the store takes new ones. */
    LidShelf(Map<String, String> properties, Consumer<Map<String, String>> write) {
        this.properties = properties;
        this.write = write;
    }

    Optional<String> lidOf(String number) {
        return Optional.ofNullable(properties.get(PREFIX + number)).filter(lid -> !lid.isEmpty());
    }

    /** Keeps {@code number}'s LID; WhatsApp gives a number one LID, so an unchanged pair is not written again. */
    synchronized void keep(String number, String lid) {
        if (!Objects.equals(properties.get(PREFIX + number), lid)) {
            write.accept(Map.of(PREFIX + number, lid));
        }
    }
}
