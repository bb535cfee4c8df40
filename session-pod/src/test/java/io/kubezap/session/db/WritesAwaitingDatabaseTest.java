package io.kubezap.session.db;

import io.kubezap.session.json.SpooledJson;
import io.kubezap.session.retry.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WritesAwaitingDatabaseTest {

    @TempDir
    Path volume;

    private final List<Integer> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean databaseUp = true;

    /** Records a number in a database that refuses connections while it is down; a negative number is a bug. */
    private final WaitingWriteKind<Integer> numbers = new WaitingWriteKind<>() {
        @Override
        public String name() {
            return "number";
        }

        @Override
        public String describe(Integer n) {
            return "number " + n;
        }

        @Override
        public SpooledJson<Integer> json() {
            return new SpooledJson<>(Integer.class);
        }

        @Override
        public void record(Integer n) {
            if (n < 0) {
                throw new IllegalStateException("a bug");
            }
            if (!databaseUp) {
                throw new DatabaseException.NoConnection(new SQLException("Connection refused", "08001"));
            }
            recorded.add(n);
        }
    };

    private WritesAwaitingDatabase awaiting(int capacity) {
        return new WritesAwaitingDatabase(capacity, Backoff.withoutJitter(Duration.ofMillis(5), Duration.ofMillis(20)),
                volume.resolve("awaiting-database"), "loja-01");
    }

    @Test
    void whatIsWrittenWhileTheDatabaseIsDownIsRecordedInOrderOnceItAnswers() {
        try (var awaiting = awaiting(100)) {
            awaiting.writeOrKeep(numbers, 1);
            databaseUp = false;
            awaiting.writeOrKeep(numbers, 2);
            awaiting.writeOrKeep(numbers, 3);
            assertThat(recorded).containsExactly(1);
            assertThat(awaiting.size()).isEqualTo(2);

            databaseUp = true;
            awaiting.writeOrKeep(numbers, 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> recorded.size() == 4);
            assertThat(recorded).as("the newest waits behind the older ones").containsExactly(1, 2, 3, 4);
            assertThat(awaiting.size()).isZero();
            assertThat(spooled()).as("each file goes once its write is recorded").isEmpty();
        }
    }

    @Test
    void whatWaitsIsOnTheVolumeBeforeTheWriteReturnsAndTheNextStartRecordsItInOrderBeforeAnythingNew() {
        var beforeTheCrash = awaiting(100);
        databaseUp = false;
        IntStream.rangeClosed(1, 5).forEach(n -> beforeTheCrash.writeOrKeep(numbers, n));
        assertThat(spooled()).as("on the volume when writeOrKeep returned").hasSize(5);
        beforeTheCrash.close(); // the pod is gone (a kill would leave the same files: close touches none)
        databaseUp = true;

        try (var nextStart = awaiting(100)) {
            nextStart.replay(List.of(numbers));
            assertThat(recorded).as("recorded before replay returns, as the database answers").containsExactly(1, 2, 3, 4, 5);
            nextStart.writeOrKeep(numbers, 6);
            assertThat(recorded).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(spooled()).isEmpty();
        }
    }

    @Test
    void aReplayTheDatabaseDoesNotTakeYetKeepsWaitingAndNewerWritesQueueBehindIt() {
        var beforeTheCrash = awaiting(100);
        databaseUp = false;
        beforeTheCrash.writeOrKeep(numbers, 1);
        beforeTheCrash.writeOrKeep(numbers, 2);
        beforeTheCrash.close();

        try (var nextStart = awaiting(100)) {
            nextStart.replay(List.of(numbers));
            nextStart.writeOrKeep(numbers, 3);
            assertThat(recorded).isEmpty();
            assertThat(spooled()).hasSize(3);

            databaseUp = true;
            await().atMost(Duration.ofSeconds(10)).until(() -> recorded.size() == 3);
            assertThat(recorded).containsExactly(1, 2, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> spooled().isEmpty());
        }
    }

    @Test
    void aWriteTornByACrashIsIgnoredAndOneNoKindReadsIsSetAsideWithoutStoppingTheOthers() throws Exception {
        var beforeTheCrash = awaiting(100);
        databaseUp = false;
        beforeTheCrash.writeOrKeep(numbers, 1);
        beforeTheCrash.writeOrKeep(numbers, 2);
        Path spool = volume.resolve("awaiting-database");
        Files.writeString(spool.resolve("00000000000000000002.number.tmp"), "3"); // killed before its move
        Files.writeString(spool.resolve("00000000000000000003.number"), "not a number");
        Files.writeString(spool.resolve("00000000000000000004.gone"), "a kind this release does not have");
        beforeTheCrash.close();
        databaseUp = true;

        try (var nextStart = awaiting(100)) {
            nextStart.replay(List.of(numbers));
            assertThat(recorded).containsExactly(1, 2);
            assertThat(spooled()).containsExactlyInAnyOrder("00000000000000000003.number.unreadable",
                    "00000000000000000004.gone.unreadable");
        }
    }

    @Test
    void aFailureThatIsNotTheDatabasesReachesTheCallerAndNothingIsKept() {
        try (var awaiting = awaiting(100)) {
            assertThatThrownBy(() -> awaiting.writeOrKeep(numbers, -1)).hasMessage("a bug");
            assertThat(awaiting.size()).isZero();
            assertThat(spooled()).isEmpty();
        }
    }

    @Test
    void beyondItsCapacityNothingMoreIsKeptAndAfterTheStopWritesWaitOnTheVolume() {
        var awaiting = awaiting(3);
        databaseUp = false;
        IntStream.rangeClosed(1, 5).forEach(n -> awaiting.writeOrKeep(numbers, n));
        assertThat(awaiting.size()).isEqualTo(3);

        awaiting.close();
        databaseUp = true;
        awaiting.writeOrKeep(numbers, 6);
        assertThat(recorded).as("a stopping pod records nothing more").isEmpty();
        assertThat(spooled()).hasSize(3);
    }

    private List<String> spooled() {
        Path spool = volume.resolve("awaiting-database");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
