package io.kubezap.cobalt.files;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.controller.StoreKeysPair;
import it.auties.whatsapp.model.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys, store and chats written by the replacement serializer read back as Cobalt wrote them, file for file. */
class ProtobufFilesTest {

    @TempDir
    Path dir;

    @Test
    void theReplacementIsTheSerializerCobaltGetsAndItsFilesReadBack() throws Exception {
        var serializer = ControllerSerializer.toProtobuf(dir);
        assertThat(serializer.getClass().getProtectionDomain().getCodeSource().getLocation().getPath())
                .as("kubezap-cobalt-patches' class, not Cobalt's").doesNotContain("cobalt-0.0.10");
        var id = UUID.randomUUID();
        var pair = newPairWritten(serializer, id);
        var customer = Jid.of("5511988880002@s.whatsapp.net");
        pair.store().addNewChat(customer);
        pair.keys().setRegistered(true);

        serializer.serializeKeys(pair.keys(), false).join();
        serializer.serializeStore(pair.store(), false).join();

        var keysFile = dir.resolve("web").resolve(id.toString()).resolve("keys.proto");
        assertThat(Files.readAllBytes(keysFile)).isEqualTo(KeysSpec.encode(pair.keys()));
        var again = ControllerSerializer.toProtobuf(dir);
        var keys = again.deserializeKeys(ClientType.WEB, id).orElseThrow();
        assertThat(keys.registered()).isTrue();
        assertThat(keys.identityKeyPair().publicKey()).isEqualTo(pair.keys().identityKeyPair().publicKey());
        var store = again.deserializeStore(ClientType.WEB, id).orElseThrow();
        again.attributeStore(store).join();
        assertThat(store.uuid()).isEqualTo(id);
        assertThat(store.findChatByJid(customer)).isPresent();
    }

    @Test
    void cobaltDeletingTheSessionLeavesItsFilesForTheApplicationToWipe() throws Exception {
        var serializer = ControllerSerializer.toProtobuf(dir);
        var id = UUID.randomUUID();
        var pair = newPairWritten(serializer, id);
        serializer.serializeKeys(pair.keys(), false).join();

        // what Cobalt 0.0.10 does on any failure 401, 403, 405 or 503, also a 405 ("client outdated") that unlinks nothing
        pair.keys().deleteSession();
        pair.store().deleteSession();

        assertThat(dir.resolve("web").resolve(id.toString()).resolve("keys.proto")).exists();
        assertThat(ControllerSerializer.toProtobuf(dir).deserializeKeys(ClientType.WEB, id)).isPresent();
    }

    /** A new pair; Cobalt writes its first files asynchronously, so let them land before the writes under test. */
    private StoreKeysPair newPairWritten(ControllerSerializer serializer, UUID id) throws InterruptedException {
        var pair = serializer.newStoreKeysPair(id, null, null, ClientType.WEB);
        var keysFile = dir.resolve("web").resolve(id.toString()).resolve("keys.proto");
        for (int i = 0; i < 100 && !Files.exists(keysFile); i++) {
            Thread.sleep(100);
        }
        assertThat(keysFile).exists();
        return pair;
    }
}
