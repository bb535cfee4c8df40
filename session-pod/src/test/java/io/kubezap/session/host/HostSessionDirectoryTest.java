package io.kubezap.session.host;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.contract.host.HostSessionFile.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 81: a host learns from its mounted Secret which sessions to start, restart and stop, laid out as the kubelet
 * lays out a Secret volume (a timestamped directory, the {@code ..data} link to it, a link per key) and refreshed as
 * the kubelet refreshes it (a new timestamped directory, {@code ..data} swapped, dropped keys' links removed after).
 */
class HostSessionDirectoryTest {

    @TempDir
    Path mount;
    private int generation;

    @Test
    void startsListedSessionsWithTheirSettingsAndIgnoresTheKubeletsFiles() throws IOException {
        project(Map.of("loja-01", entry("loja-01", "token-1"), "loja-02", entry("loja-02", "token-2")));
        HostSessionDirectory directory = new HostSessionDirectory(mount);

        HostSessionChanges changes = directory.read();

        assertThat(changes.started()).extracting(Entry::session).containsExactly("loja-01", "loja-02");
        assertThat(changes.started().get(1).settings()).containsEntry(PodEnvironment.DATABASE_TOKEN, "token-2");
        assertThat(changes.restarted()).isEmpty();
        assertThat(changes.stopped()).isEmpty();
        assertThat(directory.read().none()).as("an unchanged directory asks for nothing").isTrue();
    }

    @Test
    void aRefreshStartsTheAddedRestartsTheChangedAndStopsTheRemoved() throws IOException {
        project(Map.of("loja-01", entry("loja-01", "token-1"), "loja-02", entry("loja-02", "token-2")));
        HostSessionDirectory directory = new HostSessionDirectory(mount);
        directory.read();

        project(Map.of("loja-01", entry("loja-01", "rotated"), "loja-03", entry("loja-03", "token-3")));
        HostSessionChanges changes = directory.read();

        assertThat(changes.started()).extracting(Entry::session).containsExactly("loja-03");
        assertThat(changes.restarted()).extracting(Entry::session).containsExactly("loja-01");
        assertThat(changes.restarted().get(0).settings()).containsEntry(PodEnvironment.DATABASE_TOKEN, "rotated");
        assertThat(changes.stopped()).containsExactly("loja-02");
    }

    @Test
    void aReadBetweenTheSwapAndTheLinksRemovalChangesNothingAndTheNextStops() throws IOException {
        project(Map.of("loja-01", entry("loja-01", "token-1"), "loja-02", entry("loja-02", "token-2")));
        HostSessionDirectory directory = new HostSessionDirectory(mount);
        directory.read();

        swapData(Map.of("loja-01", entry("loja-01", "token-1")));
        assertThat(directory.read().none()).as("loja-02.json still links to a file the swap removed").isTrue();

        Files.delete(mount.resolve("loja-02.json"));
        assertThat(directory.read().stopped()).containsExactly("loja-02");
    }

    @Test
    void aRefusedFileIsNamedOnceAndTheOtherSessionsRun() throws IOException {
        project(Map.of("loja-01", entry("loja-01", "token-1"), "loja-02", "{\"settings\": {\"KUBEZAP_SESSION\": \"loja-01\"}}"));
        HostSessionDirectory directory = new HostSessionDirectory(mount);

        HostSessionChanges changes = directory.read();

        assertThat(changes.started()).extracting(Entry::session).containsExactly("loja-01");
        assertThat(changes.refused()).containsOnlyKeys("loja-02");
        assertThat(changes.refused().get("loja-02")).contains("loja-02.json", "not the file's session");
        assertThat(directory.read().none()).as("an unchanged refused file is not refused again").isTrue();

        project(Map.of("loja-01", entry("loja-01", "token-1"), "loja-02", entry("loja-02", "token-2")));
        assertThat(directory.read().started()).extracting(Entry::session).containsExactly("loja-02");
    }

    @Test
    void aRunningSessionWhoseFileBecomesUnreadableIsStopped() throws IOException {
        project(Map.of("loja-01", entry("loja-01", "token-1")));
        HostSessionDirectory directory = new HostSessionDirectory(mount);
        directory.read();

        project(Map.of("loja-01", "not json"));
        HostSessionChanges changes = directory.read();

        assertThat(changes.stopped()).containsExactly("loja-01");
        assertThat(changes.refused()).containsOnlyKeys("loja-01");
    }

    private static String entry(String session, String token) {
        return HostSessionFile.write(new Entry(session,
                Map.of(PodEnvironment.SESSION, session, PodEnvironment.DATABASE_TOKEN, token), Map.of()));
    }

    /** The kubelet's whole refresh: swap {@code ..data}, then add the new keys' links and remove the dropped ones'. */
    private void project(Map<String, String> files) throws IOException {
        swapData(files);
        try (var links = Files.list(mount)) {
            for (Path link : links.filter(Files::isSymbolicLink).toList()) {
                String name = link.getFileName().toString();
                if (!name.startsWith("..") && !files.containsKey(name.replace(".json", ""))) {
                    Files.delete(link);
                }
            }
        }
        for (String session : files.keySet()) {
            Path link = mount.resolve(HostSessionFile.fileName(session));
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", HostSessionFile.fileName(session)));
            }
        }
    }

    private void swapData(Map<String, String> files) throws IOException {
        Path timestamped = mount.resolve("..2026_11_28_17_00_00." + generation++);
        Files.createDirectory(timestamped);
        for (var file : new TreeMap<>(files).entrySet()) {
            Files.writeString(timestamped.resolve(HostSessionFile.fileName(file.getKey())), file.getValue());
        }
        Path data = mount.resolve("..data");
        Path previous = Files.isSymbolicLink(data) ? mount.resolve(Files.readSymbolicLink(data)) : null;
        Path staged = mount.resolve("..data_tmp");
        Files.createSymbolicLink(staged, timestamped.getFileName());
        Files.move(staged, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (previous != null) {
            try (var old = Files.list(previous)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(previous);
        }
    }
}
