package io.kubezap.cobalt.files;

import java.nio.file.Path;

/**
 * A read that found {@code file} unreadable: {@code restored} when its previous generation was put back in its place,
 * false when that could not be read either ({@code cause} says why the current one could not).
 */
public record FileRecovery(Path file, boolean restored, String cause) {
}
