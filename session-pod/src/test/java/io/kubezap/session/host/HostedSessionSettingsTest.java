package io.kubezap.session.host;

import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.host.HostSessionFile.Entry;
import io.kubezap.session.config.SessionSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostedSessionSettingsTest {

    private static final Path HOST_DATA = Path.of("/var/lib/kubezap-host");

    @Test
    void aSessionIsSetUpByItsEntryWithADataDirectoryOfItsOwn() {
        Entry entry = new Entry("loja-02", Map.of(PodEnvironment.SESSION, "loja-02", PodEnvironment.NAMESPACE, "shop",
                PodEnvironment.API_KEY, "key-of-loja-02-0123456789", PodEnvironment.DATA_DIR, "/data",
                PodEnvironment.PAIRING_METHOD, "PairingCode", PodEnvironment.PAIRING_PHONE, "5511999990002"), Map.of());

        SessionSettings settings = HostedSessionSettings.of(entry, HOST_DATA);

        assertThat(settings.name()).isEqualTo("loja-02");
        assertThat(settings.namespace()).isEqualTo("shop");
        assertThat(settings.apiKey()).isEqualTo("key-of-loja-02-0123456789");
        assertThat(settings.dataDir()).isEqualTo(HOST_DATA.resolve("loja-02"));
        assertThat(settings.pairingMethod()).isEqualTo(PairingMethod.PairingCode);
        assertThat(settings.pairingPhone()).isEqualTo(Optional.of("5511999990002"));
    }

    @Test
    void aWrongSettingIsNamedAsAPodWouldNameIt() {
        Entry entry = new Entry("loja-02", Map.of(PodEnvironment.SESSION, "loja-02", PodEnvironment.API_KEY, "key-of-loja-02-0123456789",
                PodEnvironment.PAIRING_METHOD, "Telepathy"), Map.of());

        assertThatThrownBy(() -> HostedSessionSettings.of(entry, HOST_DATA))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining(PodEnvironment.PAIRING_METHOD)
                .hasMessageContaining("Telepathy");
    }
}
