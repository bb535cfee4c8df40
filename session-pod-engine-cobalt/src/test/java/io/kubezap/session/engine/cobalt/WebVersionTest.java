package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without a pinned version Cobalt fetches it from web.whatsapp.com; the timeout guards against that hang. */
@Timeout(30)
class WebVersionTest {

    private static final String VERSION = "2.3000.1022032575";

    @StoreDirectory
    Path dir;

    @Test
    void newStoreAnnouncesTheConfiguredVersion() {
        var store = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB).store();

        new WebVersion(VERSION).applyTo(store);

        assertThat(store.version()).hasToString(VERSION);
    }

    @Test
    void restoredStoreAnnouncesTheConfiguredVersionAgain() {
        var serializer = ControllerSerializer.toProtobuf(dir);
        var id = UUID.randomUUID();
        var pair = serializer.newStoreKeysPair(id, null, null, ClientType.WEB);
        new WebVersion(VERSION).applyTo(pair.store());
        ControllerSerializer.toProtobuf(dir).serializeStore(pair.store(), false).join();

        var restored = ControllerSerializer.toProtobuf(dir).deserializeStore(ClientType.WEB, id).orElseThrow();
        new WebVersion(VERSION).applyTo(restored);

        assertThat(restored.version()).hasToString(VERSION);
    }

    @Test
    void malformedVersionIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> new WebVersion("latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KUBEZAP_WA_VERSION");
    }
}
