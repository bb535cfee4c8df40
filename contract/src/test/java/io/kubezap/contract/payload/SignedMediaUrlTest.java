package io.kubezap.contract.payload;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignedMediaUrlTest {

    private static final String KEY = "k3y-of-the-session";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Map<String, String> query(String query) {
        Map<String, String> values = new HashMap<>();
        for (String pair : query.split("&")) {
            values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return values;
    }

    private static SignedMediaUrl.Check check(String key, String namespace, String session, String id, Map<String, String> q, Instant at) {
        return SignedMediaUrl.check(key, namespace, session, id, q.get(SignedMediaUrl.EXPIRES), q.get(SignedMediaUrl.SIGNATURE), at);
    }

    @Test
    void aLinkOpensItsOwnFileUntilItExpires() {
        var q = query(SignedMediaUrl.query(KEY, "shop", "loja", "m1", NOW.plusSeconds(60)));

        assertThat(check(KEY, "shop", "loja", "m1", q, NOW)).isEqualTo(SignedMediaUrl.Check.VALID);
        assertThat(check(KEY, "shop", "loja", "m1", q, NOW.plusSeconds(59))).isEqualTo(SignedMediaUrl.Check.VALID);
        assertThat(check(KEY, "shop", "loja", "m1", q, NOW.plusSeconds(60))).isEqualTo(SignedMediaUrl.Check.EXPIRED);
    }

    @Test
    void anyChangeToTheLinkIsRefused() {
        var q = query(SignedMediaUrl.query(KEY, "shop", "loja", "m1", NOW.plusSeconds(60)));

        assertThat(check(KEY, "shop", "loja", "m2", q, NOW)).as("another message").isEqualTo(SignedMediaUrl.Check.TAMPERED);
        assertThat(check(KEY, "shop", "loja2", "m1", q, NOW)).as("another session").isEqualTo(SignedMediaUrl.Check.TAMPERED);
        assertThat(check(KEY, "other", "loja", "m1", q, NOW)).as("another namespace").isEqualTo(SignedMediaUrl.Check.TAMPERED);
        assertThat(check("rotated-key", "shop", "loja", "m1", q, NOW)).as("a rotated key").isEqualTo(SignedMediaUrl.Check.TAMPERED);
        var later = new HashMap<>(q);
        later.put(SignedMediaUrl.EXPIRES, Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
        assertThat(check(KEY, "shop", "loja", "m1", later, NOW.plusSeconds(120))).as("a pushed-back expiry")
                .isEqualTo(SignedMediaUrl.Check.TAMPERED);
        var flipped = new HashMap<>(q);
        String signature = q.get(SignedMediaUrl.SIGNATURE);
        flipped.put(SignedMediaUrl.SIGNATURE, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        assertThat(check(KEY, "shop", "loja", "m1", flipped, NOW)).isEqualTo(SignedMediaUrl.Check.TAMPERED);
        assertThat(SignedMediaUrl.check(KEY, "shop", "loja", "m1", null, null, NOW)).isEqualTo(SignedMediaUrl.Check.TAMPERED);
        assertThat(SignedMediaUrl.check(KEY, "shop", "loja", "m1", "soon", signature, NOW)).isEqualTo(SignedMediaUrl.Check.TAMPERED);
    }

    @Test
    void theLinkDoesNotCarryTheApiKey() {
        String query = SignedMediaUrl.query(KEY, "shop", "loja", "m1", NOW.plusSeconds(60));

        assertThat(query).doesNotContain(KEY).doesNotContain(java.util.Base64.getUrlEncoder().encodeToString(KEY.getBytes()));
        assertThat(SignedMediaUrl.path("m1")).isEqualTo("/messages/m1/media");
    }
}
