package io.kubezap.session.host;

import io.kubezap.contract.host.HostSessionFile.Entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A hosted session's files (its entry's {@code files}: webhooks, event sinks, their secrets), which a session pod of
 * its own would have mounted: written into a directory of the session's own, replacing what an earlier entry wrote
 * there, readable by this process alone; a setting that names one by its relative path names it there.
 */
final class HostedSessionFiles {

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private HostedSessionFiles() {
    }

    static void write(Entry entry, Path directory) {
        try {
            clear(directory);
            for (Map.Entry<String, String> file : entry.files().entrySet()) {
                Path target = directory.resolve(file.getKey());
                // made owner-only before a byte is written: they hold webhook secrets and broker credentials
                Files.createDirectories(target.getParent(), PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_FILE));
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("session " + entry.session() + ": its files cannot be written", e);
        }
    }

    /** The entry's settings, a setting naming one of its files by its relative path naming it in {@code directory}. */
    static Map<String, String> named(Entry entry, Path directory) {
        Map<String, String> settings = new TreeMap<>(entry.settings());
        settings.replaceAll((name, value) -> entry.files().containsKey(value) ? directory.resolve(value).toString() : value);
        return settings;
    }

    private static void clear(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> written = Files.walk(directory)) {
            for (Path path : written.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
