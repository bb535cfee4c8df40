package io.kubezap.cobalt.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a sender may write into a media message's url and directPath, and what the pod then fetches. */
class WhatsAppMediaHostsTest {

    @Test
    void aDirectPathIsAPathOnTheDefaultMediaHost() throws Exception {
        assertThat(WhatsAppMediaHosts.locate(null, "/v/t62.7119-24/1_2_n.enc?ccb=11-4&oh=x&oe=y").toString())
                .isEqualTo("https://mmg.whatsapp.net/v/t62.7119-24/1_2_n.enc?ccb=11-4&oh=x&oe=y");
        assertThat(WhatsAppMediaHosts.locate("https://media.fcgh14-1.fna.whatsapp.net/v/x.enc?oh=1", null).getHost())
                .isEqualTo("media.fcgh14-1.fna.whatsapp.net");
    }

    @Test
    void nothingElseIsFetched() {
        for (var directPath : new String[]{"@evil.example/x", ".evil.example/x", "//evil.example/x", ":8080/x", "x"}) {
            assertThatThrownBy(() -> WhatsAppMediaHosts.locate(null, directPath)).as(directPath)
                    .isInstanceOf(MediaHostRefusedException.class);
        }
        for (var url : new String[]{"http://169.254.169.254/latest/meta-data/", "http://mmg.whatsapp.net/x",
                "https://mmg.whatsapp.net@evil.example/x", "https://evil.example/mmg.whatsapp.net",
                "https://mmg.whatsapp.net.evil.example/x", "https://evilwhatsapp.net/x", "https://mmg.whatsapp.net:10250/pods",
                "https://user@mmg.whatsapp.net/x", "file:///var/lib/kubezap/keys", "not a url"}) {
            assertThatThrownBy(() -> WhatsAppMediaHosts.locate(url, null)).as(url)
                    .isInstanceOf(MediaHostRefusedException.class);
        }
    }
}
