package io.kubezap.session.webhook;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedUrlTest {

    @Test
    void queryUserinfoAndFragmentAreMaskedTheRestStays() {
        assertThat(RedactedUrl.of(URI.create("https://bot:pa55word@hooks.example.com:8443/wa/in?token=s3cr3t#frag")))
                .isEqualTo("https://***@hooks.example.com:8443/wa/in?***#***");
        assertThat(RedactedUrl.of(URI.create("http://127.0.0.1:9000/hook"))).isEqualTo("http://127.0.0.1:9000/hook");
    }

    @Test
    void aStoredUrlThatDoesNotParseIsNotEchoed() {
        assertThat(RedactedUrl.of("http://host/?token=s3cr3t with spaces")).isEqualTo(RedactedUrl.UNREADABLE);
    }

    @Test
    void errorMessagesLoseTheSecretPartsTheyRepeat() {
        URI url = URI.create("https://bot:pa55word@hooks.example.com/wa?token=s3cr3t");
        assertThat(RedactedUrl.scrub("cannot reach " + url + " (token=s3cr3t, user bot:pa55word)", url))
                .doesNotContain("s3cr3t").doesNotContain("pa55word")
                .contains("https://***@hooks.example.com/wa?***");
    }
}
