package io.kubezap.cobalt.files;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.model.signal.session.Session;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A key file that cannot be decoded costs at most its last write, never the device, and never a failing start. */
class KeyStoreGenerationsTest {

    private static final SessionAddress CUSTOMER = new SessionAddress("5511988880002", 0);

    @TempDir
    Path dir;

    private final UUID id = UUID.randomUUID();

    @Test
    void aTruncatedKeyFileIsReadFromItsPreviousGenerationWhichTakesItsPlace() throws Exception {
        var keys = registeredKeysWrittenTwice();
        var file = keysFile();
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 2));

        var read = ControllerSerializer.toProtobuf(dir).deserializeKeys(ClientType.WEB, id);

        assertThat(read).isPresent();
        assertThat(read.get().registered()).isTrue();
        assertThat(read.get().identityKeyPair().publicKey()).isEqualTo(keys.identityKeyPair().publicKey());
        assertThat(read.get().hasSession(CUSTOMER)).as("the previous generation has no session yet").isFalse();
        assertThat(ControllerSerializer.toProtobuf(dir).deserializeKeys(ClientType.WEB, id)).as("read again").isPresent();
        assertThat(file.resolveSibling(".keys.proto.unreadable")).exists();
        assertThat(FileRecoveries.takeUnder(dir)).singleElement()
                .satisfies(recovery -> assertThat(recovery.restored()).isTrue())
                .satisfies(recovery -> assertThat(recovery.file()).isEqualTo(file));
    }

    @Test
    void keysThatCannotBeReadInAnyGenerationAreReportedAsAbsentInsteadOfFailingTheStart() throws Exception {
        registeredKeysWrittenTwice();
        Files.write(keysFile(), new byte[64]);
        Files.write(keysFile().resolveSibling(".keys.proto.previous"), new byte[64]);

        var read = ControllerSerializer.toProtobuf(dir).deserializeKeys(ClientType.WEB, id);

        assertThat(read).isEmpty();
        assertThat(FileRecoveries.takeUnder(dir)).singleElement()
                .satisfies(recovery -> assertThat(recovery.restored()).isFalse());
    }

    @Test
    void aWriteThatFailsLeavesTheCurrentGenerationInPlaceAndNothingElse() throws Exception {
        registeredKeysWrittenTwice();
        var before = Files.readAllBytes(keysFile());
        try (var files = Files.list(keysFile().getParent())) {
            var names = files.map(path -> path.getFileName().toString()).sorted().toList();
            try {
                DurableFile.write(keysFile(), () -> {
                    throw new IllegalStateException("encoding failed");
                });
            } catch (IllegalStateException expected) {
                // the write under test
            }
            try (var after = Files.list(keysFile().getParent())) {
                assertThat(after.map(path -> path.getFileName().toString()).sorted().toList()).isEqualTo(names);
            }
        }
        assertThat(Files.readAllBytes(keysFile())).isEqualTo(before);
    }

    @Test
    void earlierGenerationsAreHiddenFromCobaltWhichReadsEveryChatFileOfTheSessionDirectory() throws Exception {
        var pair = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(id, null, null, ClientType.WEB);
        var customer = it.auties.whatsapp.model.jid.Jid.of("5511988880002@s.whatsapp.net");
        pair.store().addNewChat(customer);
        ControllerSerializer.toProtobuf(dir).serializeStore(pair.store(), false).join();
        ControllerSerializer.toProtobuf(dir).serializeStore(pair.store(), false).join();
        ControllerSerializer.toProtobuf(dir).serializeKeys(pair.keys(), false).join();

        try (var files = Files.list(keysFile().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .containsExactlyInAnyOrder("keys.proto", "store.proto", "chat_5511988880002.proto");
        }
        assertThat(keysFile().resolveSibling(".chat_5511988880002.proto.previous")).exists();
    }

    /** Registered keys written once, then again with a Signal session: the second write is the current generation. */
    private Keys registeredKeysWrittenTwice() {
        var keys = Keys.of(id, null, null, ClientType.WEB);
        keys.setRegistered(true);
        ControllerSerializer.toProtobuf(dir).serializeKeys(keys, false).join();
        keys.addSession(CUSTOMER, new Session());
        ControllerSerializer.toProtobuf(dir).serializeKeys(keys, false).join();
        return keys;
    }

    private Path keysFile() {
        return dir.resolve("web").resolve(id.toString()).resolve("keys.proto");
    }
}
