package io.kubezap.contract.host;

import io.kubezap.contract.PodEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 81: what the operator writes into a host's Secret is what the host reads back, and nothing else. */
class HostSessionFileTest {

    private static final Map<String, String> SHOP = Map.of(
            PodEnvironment.SESSION, "shop",
            PodEnvironment.NAMESPACE, "tenant-a",
            PodEnvironment.API_KEY, "0123456789abcdef0123",
            PodEnvironment.WEBHOOKS_FILE, "webhooks/webhooks.json",
            "KUBEZAP_AUTO_REPLY", "{\"rules\":[{\"match\":\"é\\n\\\"x\\\"\"}]}");

    @Test
    void anEntryReadsBackAsItWasWrittenWithItsSettingsAndFiles() {
        HostSessionFile.Entry written = new HostSessionFile.Entry("shop", SHOP,
                Map.of("webhooks/webhooks.json", "[{\"url\":\"https://hooks.example/a\",\"secretFile\":\"0\"}]",
                        "webhooks/0", "whsec_c2VjcmV0"));

        HostSessionFile.Entry read = HostSessionFile.read("shop", HostSessionFile.write(written));

        assertThat(read).isEqualTo(written);
        assertThat(read.settings()).containsEntry(PodEnvironment.API_KEY, "0123456789abcdef0123");
        assertThat(read.files()).containsEntry("webhooks/0", "whsec_c2VjcmV0");
    }

    @Test
    void equalEntriesWriteEqualBytesSoAnUnchangedSessionDoesNotChangeItsHostsSecret() {
        HostSessionFile.Entry one = new HostSessionFile.Entry("shop", SHOP, Map.of("b", "2", "a", "1"));
        HostSessionFile.Entry other = new HostSessionFile.Entry("shop", new java.util.LinkedHashMap<>(SHOP), Map.of("a", "1", "b", "2"));

        assertThat(HostSessionFile.write(one)).isEqualTo(HostSessionFile.write(other));
    }

    @Test
    void aDirectoryGivesEachSessionsEntryAndSkipsTheKubeletsOwnFiles(@TempDir Path mounted) throws IOException {
        Files.writeString(mounted.resolve(HostSessionFile.fileName("shop")),
                HostSessionFile.write(new HostSessionFile.Entry("shop", SHOP, Map.of())));
        Files.writeString(mounted.resolve("..data"), "kubelet");
        Files.writeString(mounted.resolve("..2026_11_28.json"), "kubelet");
        Files.writeString(mounted.resolve("notes.txt"), "x");

        assertThat(HostSessionFile.contents(mounted)).containsOnlyKeys("shop");
        assertThat(HostSessionFile.read("shop", HostSessionFile.contents(mounted).get("shop")).settings())
                .containsEntry(PodEnvironment.NAMESPACE, "tenant-a");
    }

    @Test
    void aFileWhoseSettingsNameAnotherSessionIsRefusedNamingIt() {
        String shops = HostSessionFile.write(new HostSessionFile.Entry("shop", SHOP, Map.of()));

        assertThatThrownBy(() -> HostSessionFile.read("bakery", shops))
                .isInstanceOf(HostSessionFile.Invalid.class)
                .hasMessageContaining("bakery.json").hasMessageContaining("KUBEZAP_SESSION is shop");
    }

    @Test
    void aFileOutsideTheSessionsDirectoryIsRefused() {
        for (String escape : new String[] {"../other/webhooks.json", "/etc/passwd", "webhooks/../../x", "a//b", ""}) {
            assertThatThrownBy(() -> new HostSessionFile.Entry("shop", SHOP, Map.of(escape, "x")))
                    .as(escape).isInstanceOf(HostSessionFile.Invalid.class).hasMessageContaining("relative path");
        }
    }

    @Test
    void unreadableOrEmptyContentIsRefusedNamingTheSession() {
        assertThatThrownBy(() -> HostSessionFile.read("shop", "{")).hasMessageContaining("shop.json");
        assertThatThrownBy(() -> HostSessionFile.read("shop", "{}")).hasMessageContaining("no settings");
    }
}
