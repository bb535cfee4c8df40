package org.jdbi.v3.core.statement.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.JdbiStatementEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * session-pod's replacement of Jdbi's {@code JfrSupport}: no Flight Recorder machinery while nobody records (Jdbi's own
 * registers its event whenever the JVM could record), and Jdbi's statement events as before once a recording runs.
 */
class JfrSupportTest {

    @TempDir
    Path dir;

    @Test
    void statementsMakeNoFlightRecorderEventUntilARecordingStartsAndAreRecordedThen() throws Exception {
        assertThat(FlightRecorder.isAvailable()).as("this JVM could record").isTrue();
        assertThat(FlightRecorder.isInitialized()).as("nothing in this test JVM started a recording before").isFalse();
        assertThat(JfrSupport.newStatementEvent()).as("no recording: no JFR event").isNotInstanceOf(Event.class);
        assertThat(FlightRecorder.isInitialized()).as("and the Flight Recorder was not started by asking").isFalse();

        try (var postgres = EmbeddedPostgres.builder().start();
             var recording = new Recording()) {
            recording.enable(JdbiStatementEvent.NAME).withoutThreshold();
            recording.start();
            Jdbi.create(postgres.getPostgresDatabase()).useHandle(handle ->
                    handle.createQuery("select 41 + 1 as answer").mapTo(Integer.class).one());
            recording.stop();
            Path file = dir.resolve("statements.jfr");
            recording.dump(file);

            List<RecordedEvent> statements = RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals(JdbiStatementEvent.NAME)).toList();
            assertThat(statements).as("Jdbi's statement events while recording")
                    .anySatisfy(event -> assertThat(event.getString("sql")).contains("select 41 + 1"));
        }
    }
}
