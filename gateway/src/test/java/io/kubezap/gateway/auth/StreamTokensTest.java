package io.kubezap.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTokensTest {

    private static final byte[] KEY = "a key every replica shares".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final SessionSet SHOP = new SessionSet(Set.of("shop"), Set.of("sales/vendas"));
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void anotherReplicaWithTheSameKeyAcceptsATokenOnceWithinItsMinute() {
        String token = tokensAt(NOW).issue(SHOP).token();
        StreamTokens otherReplica = tokensAt(NOW.plusSeconds(59));

        assertThat(otherReplica.redeem(token)).contains(SHOP);
        assertThat(otherReplica.redeem(token)).isEmpty();
    }

    @Test
    void anExpiredForgedOrForeignTokenOpensNothing() {
        String token = tokensAt(NOW).issue(SHOP).token();

        assertThat(tokensAt(NOW.plus(StreamTokens.LIFETIME).plusSeconds(1)).redeem(token)).isEmpty();
        String body = token.substring(0, token.indexOf('.'));
        String widened = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8)
                        .replace("\"shop\"", "\"kube-system\"").getBytes(StandardCharsets.UTF_8));
        assertThat(tokensAt(NOW).redeem(widened + token.substring(token.indexOf('.')))).isEmpty();
        assertThat(new StreamTokens("another key".getBytes(StandardCharsets.UTF_8), JSON,
                Clock.fixed(NOW, ZoneOffset.UTC)).redeem(token)).isEmpty();
        assertThat(tokensAt(NOW).redeem("not-a-token")).isEmpty();
        assertThat(tokensAt(NOW).redeem(body + ".%%%")).isEmpty();
    }

    private static StreamTokens tokensAt(Instant now) {
        return new StreamTokens(KEY, JSON, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theTokenSaysWhenItExpires() {
        assertThat(tokensAt(NOW).issue(SHOP).expiresAt()).isEqualTo(NOW.plus(Duration.ofSeconds(60)));
    }
}
