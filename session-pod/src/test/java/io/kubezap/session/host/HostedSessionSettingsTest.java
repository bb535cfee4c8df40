package io.kubezap.session.host;

import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.host.HostSessionFile.Entry;
import io.kubezap.session.config.SessionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void itsFilesAreWrittenWhereItsSettingsNameThemAndReadByItsConfigurationAlone(@TempDir Path hostData) throws Exception {
        String webhooks = "[{\"url\": \"http://127.0.0.1:8081/hook\"}]";
        Entry entry = new Entry("loja-02", Map.of(PodEnvironment.SESSION, "loja-02", PodEnvironment.NAMESPACE, "shop",
                PodEnvironment.API_KEY, "key-of-loja-02-0123456789", PodEnvironment.WEBHOOKS_FILE, "webhooks/webhooks.json"),
                Map.of("webhooks/webhooks.json", webhooks, "webhooks/0", "whsec_c2VjcmV0"));

        HostedSession session = HostedSessionSettings.session(entry, hostData);

        Path file = Path.of(session.config().webhooksFile().orElseThrow());
        assertThat(file).isEqualTo(hostData.resolve("loja-02/mounted/webhooks/webhooks.json")).hasContent(webhooks);
        assertThat(file.resolveSibling("0")).hasContent("whsec_c2VjcmV0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        HostedSessionSettings.session(new Entry("loja-02", entry.settings(), Map.of("webhooks/webhooks.json", "[]")), hostData);
        assertThat(file).as("a changed entry's files replace the earlier ones").hasContent("[]");
        assertThat(file.resolveSibling("0")).doesNotExist();
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
