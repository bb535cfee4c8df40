package io.kubezap.cobalt.tokens;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact's token lasts four 7-day buckets; the account issues its own again once a new bucket began (whatsmeow's rules). */
class TokenShelfTest {
    private static final long BUCKET = TokenShelf.BUCKET_SECONDS;
    private static final byte[] TOKEN = {1, 2, 3};

    @Test
    void aTokenIsValidUntilItsBucketFallsOutOfTheLastFour() {
        var issuedAt = 100 * BUCKET + 10;
        assertThat(shelfAt(issuedAt + 3 * BUCKET, issuedAt).valid("5511")).as("in the fourth bucket after its own").isPresent();
        assertThat(shelfAt(104 * BUCKET, issuedAt).valid("5511")).as("once a fifth bucket began").isEmpty();
    }

    @Test
    void anOlderTokenNeverReplacesANewerOne() {
        var properties = new HashMap<String, String>();
        var shelf = new TokenShelf(properties, properties::putAll, Clock.fixed(Instant.ofEpochSecond(200 * BUCKET), ZoneOffset.UTC));
        shelf.keep("5511", TOKEN, 200 * BUCKET - 5);
        shelf.keep("5511", new byte[]{9}, 200 * BUCKET - 50);
        assertThat(shelf.valid("5511")).hasValue(TOKEN);
    }

    @Test
    void theAccountIssuesItsTokenAgainOnlyInANewBucket() {
        var properties = new HashMap<String, String>();
        var now = 300 * BUCKET + 100;
        var shelf = new TokenShelf(properties, properties::putAll, Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        assertThat(shelf.dueForIssue("5511")).as("never issued").isTrue();
        shelf.issued("5511", now - 50);
        assertThat(shelf.dueForIssue("5511")).as("issued in this bucket").isFalse();
        shelf.issued("5511", now - BUCKET);
        assertThat(shelf.dueForIssue("5511")).as("issued in the previous bucket").isTrue();
    }

    private static TokenShelf shelfAt(long now, long tokenTime) {
        var properties = new HashMap<String, String>();
        var shelf = new TokenShelf(properties, properties::putAll, Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        shelf.keep("5511", TOKEN, tokenTime);
        return shelf;
    }
}
