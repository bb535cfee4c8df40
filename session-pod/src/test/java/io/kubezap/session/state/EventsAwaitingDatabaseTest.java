package io.kubezap.session.state;

import io.kubezap.session.engine.EngineEvent;
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

class EventsAwaitingDatabaseTest {

    private final List<EngineEvent.Delivered> stored = new CopyOnWriteArrayList<>();
    private volatile boolean databaseUp = true;

    private void store(EngineEvent.Delivered event) {
        if (!databaseUp) {
            throw new ConnectionException(new SQLException("Connection refused", "08001"));
        }
        stored.add(event);
    }

    private EventsAwaitingDatabase awaiting(int capacity) {
        return new EventsAwaitingDatabase(this::store, capacity, Backoff.withoutJitter(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    private static EngineEvent.Delivered event(int n) {
        return new EngineEvent.AddressLearned(n + "@lid", n + "@s.whatsapp.net", "test");
    }

    @Test
    void whatArrivesWhileTheDatabaseIsDownIsStoredInArrivalOrderOnceItAnswers() {
        try (var awaiting = awaiting(100)) {
            awaiting.storeOrKeep(event(1));
            databaseUp = false;
            awaiting.storeOrKeep(event(2));
            awaiting.storeOrKeep(event(3));
            assertThat(stored).containsExactly(event(1));
            assertThat(awaiting.size()).isEqualTo(2);

            databaseUp = true;
            awaiting.storeOrKeep(event(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 4);
            assertThat(stored).as("the newest waits behind the older ones").containsExactly(event(1), event(2), event(3), event(4));
            assertThat(awaiting.size()).isZero();
        }
    }

    @Test
    void aFailureThatIsNotTheDatabasesReachesTheCallerAndNothingIsKept() {
        try (var awaiting = new EventsAwaitingDatabase(event -> {
            throw new IllegalStateException("a bug");
        }, 100, Backoff.withoutJitter(Duration.ofMillis(5), Duration.ofMillis(20)))) {
            assertThatThrownBy(() -> awaiting.storeOrKeep(event(1))).hasMessage("a bug");
            assertThat(awaiting.size()).isZero();
        }
    }

    @Test
    void beyondItsCapacityNothingMoreIsKeptAndStoppingKeepsNothingNew() {
        var awaiting = awaiting(3);
        databaseUp = false;
        IntStream.rangeClosed(1, 5).forEach(n -> awaiting.storeOrKeep(event(n)));
        assertThat(awaiting.size()).isEqualTo(3);

        awaiting.close();
        databaseUp = true;
        awaiting.storeOrKeep(event(6));
        assertThat(awaiting.size()).isEqualTo(3);
        assertThat(stored).isEmpty();
    }
}
