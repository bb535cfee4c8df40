package io.kubezap.session.host;

import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.contract.host.HostSessionFile.Entry;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A host's view of its mounted sessions' Secret (record 0021), read again on each {@link #read()}: what changed since
 * the last read. The kubelet refreshes the Secret by swapping its {@code ..data} symlink and then removes the links of
 * dropped keys, so a read may meet a link to a file already gone; that read changes nothing and the next one sees the
 * settled directory.
 */
public final class HostSessionDirectory {

    private final Path directory;
    /** Each running session's file content, as last read. */
    private SortedMap<String, String> running = new TreeMap<>();
    /** Refused sessions' file content, so that an unchanged refused file is not reported again. */
    private final Map<String, String> refusedContents = new TreeMap<>();

    public HostSessionDirectory(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public HostSessionChanges read() {
        Optional<SortedMap<String, String>> contents = settledContents();
        if (contents.isEmpty()) {
            return new HostSessionChanges(List.of(), List.of(), List.of(), Map.of());
        }
        return changesTo(contents.get());
    }

    private Optional<SortedMap<String, String>> settledContents() {
        try {
            return Optional.of(HostSessionFile.contents(directory));
        } catch (UncheckedIOException midRefresh) {
            return Optional.empty();
        }
    }

    private HostSessionChanges changesTo(SortedMap<String, String> contents) {
        List<Entry> started = new ArrayList<>();
        List<Entry> restarted = new ArrayList<>();
        Map<String, String> refused = new TreeMap<>();
        SortedMap<String, String> nowRunning = new TreeMap<>();
        refusedContents.keySet().retainAll(contents.keySet());
        contents.forEach((session, content) -> {
            String before = running.get(session);
            if (content.equals(before)) {
                nowRunning.put(session, content);
                return;
            }
            if (content.equals(refusedContents.get(session))) {
                return;
            }
            try {
                Entry entry = HostSessionFile.read(session, content);
                (before == null ? started : restarted).add(entry);
                nowRunning.put(session, content);
                refusedContents.remove(session);
            } catch (HostSessionFile.Invalid invalid) {
                refused.put(session, invalid.getMessage());
                refusedContents.put(session, content);
            }
        });
        List<String> stopped = running.keySet().stream().filter(session -> !nowRunning.containsKey(session)).toList();
        running = nowRunning;
        return new HostSessionChanges(started, restarted, stopped, refused);
    }
}
