package io.kubezap.session.db;

import io.kubezap.session.retry.Backoff;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WritesAwaitingDatabaseTest {

    private final List<Integer> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean databaseUp = true;

    /** A write of {@code n} to a database that refuses connections while it is down. */
    private Runnable write(int n) {
        return () -> {
            if (!databaseUp) {
                throw new ConnectionException(new SQLException("Connection refused", "08001"));
            }
            recorded.add(n);
        };
    }

    private static WritesAwaitingDatabase awaiting(int capacity) {
        return new WritesAwaitingDatabase(capacity, Backoff.withoutJitter(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    @Test
    void whatIsWrittenWhileTheDatabaseIsDownIsRecordedInOrderOnceItAnswers() {
        try (var awaiting = awaiting(100)) {
            awaiting.writeOrKeep("1", write(1));
            databaseUp = false;
            awaiting.writeOrKeep("2", write(2));
            awaiting.writeOrKeep("3", write(3));
            assertThat(recorded).containsExactly(1);
            assertThat(awaiting.size()).isEqualTo(2);

            databaseUp = true;
            awaiting.writeOrKeep("4", write(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> recorded.size() == 4);
            assertThat(recorded).as("the newest waits behind the older ones").containsExactly(1, 2, 3, 4);
            assertThat(awaiting.size()).isZero();
        }
    }

    @Test
    void aFailureThatIsNotTheDatabasesReachesTheCallerAndNothingIsKept() {
        try (var awaiting = awaiting(100)) {
            assertThatThrownBy(() -> awaiting.writeOrKeep("a bug", () -> {
                throw new IllegalStateException("a bug");
            })).hasMessage("a bug");
            assertThat(awaiting.size()).isZero();
        }
    }

    @Test
    void beyondItsCapacityNothingMoreIsKeptAndStoppingKeepsNothingNew() {
        var awaiting = awaiting(3);
        databaseUp = false;
        IntStream.rangeClosed(1, 5).forEach(n -> awaiting.writeOrKeep(Integer.toString(n), write(n)));
        assertThat(awaiting.size()).isEqualTo(3);

        awaiting.close();
        databaseUp = true;
        awaiting.writeOrKeep("6", write(6));
        assertThat(awaiting.size()).isEqualTo(3);
        assertThat(recorded).isEmpty();
    }
}
