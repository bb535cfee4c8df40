package io.kubezap.cobalt.files;

import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.model.signal.session.Session;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whoever reads the key file while it is written (the next start, after a kill at that moment) finds a whole
 * generation: even when {@code java.io.tmpdir} is on another file system than the data directory, as when the pod is
 * started without its entrypoint's {@code -Djava.io.tmpdir} (Cobalt's serializer then copied over the file in place).
 * Needs a directory on another file system than {@code java.io.tmpdir} ({@code /dev/shm} on Linux); skipped without.
 */
class KeyFileWhileWrittenTest {

    private static final int WRITES = 200;

    private Path dir;

    @BeforeEach
    void directoryOnAnotherFileSystemThanTheTempDirectory() throws IOException {
        var shm = Path.of("/dev/shm");
        var tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "no second file system");
        dir = Files.createTempDirectory(shm, "kubezap-keys");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        if (dir != null) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (var path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void aReaderNeverSeesAKeyFileHalfWritten() throws Exception {
        var id = UUID.randomUUID();
        var keys = Keys.of(id, null, null, ClientType.WEB);
        for (int contact = 0; contact < 2000; contact++) {
            keys.addSession(new SessionAddress("55119888" + contact, 0), new Session());
        }
        var file = dir.resolve("web").resolve(id.toString()).resolve("keys.proto");
        ControllerSerializer.toProtobuf(dir).serializeKeys(keys, false).join();
        var writing = new AtomicBoolean(true);
        var halfWritten = new ArrayList<String>();
        var reader = Thread.ofPlatform().start(() -> readWhile(file, writing, halfWritten));
        try {
            for (int write = 0; write < WRITES; write++) {
                ControllerSerializer.toProtobuf(dir).serializeKeys(keys, false).join();
            }
        } finally {
            writing.set(false);
            reader.join();
        }
        assertThat(halfWritten).as("reads that found no whole key file").isEmpty();
    }

    private static void readWhile(Path file, AtomicBoolean writing, ArrayList<String> halfWritten) {
        while (writing.get()) {
            try {
                KeysSpec.decode(ProtobufInputStream.fromStream(new ByteArrayInputStream(Files.readAllBytes(file))));
            } catch (NoSuchFileException missing) {
                halfWritten.add("missing");
            } catch (IOException | RuntimeException unreadable) {
                halfWritten.add(unreadable.toString());
            }
        }
    }
}
