package org.jdbi.v3.core.statement.internal;

import jdk.jfr.FlightRecorder;
import org.jdbi.v3.core.statement.JdbiStatementEvent;

/**
 * Replaces Jdbi 3.49.5's class of the same name (taken out of its jar: application.properties,
 * {@code quarkus.class-loading.removed-resources}). Jdbi's registers its statement event with the Flight Recorder as soon
 * as the JVM could record, recording or not, which initialises JFR's Java side in every pod: ~120 classes, ~0.8 MiB, for
 * a recording nobody started (docs/benchmarks.md, "A smaller session"). This one makes the event only while the Flight
 * Recorder has been started (by {@code -XX:StartFlightRecording} or {@code jcmd <pid> JFR.start}); the event is then
 * registered by its first use, and recorded as before. Same public methods as Jdbi's, which {@code SqlStatement} calls.
 * Drop it (and the removed-resources line) when Jdbi makes the registration lazy itself.
 */
public final class JfrSupport {

    private static final boolean JFR_AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private JfrSupport() {
    }

    public static boolean isJfrAvailable() {
        return JFR_AVAILABLE;
    }

    /** Whether a statement would be recorded now: the JVM has the Flight Recorder and it has been started. */
    public static boolean isFlightRecorderAvailable() {
        return JFR_AVAILABLE && Started.now();
    }

    public static OptionalEvent newStatementEvent() {
        return isFlightRecorderAvailable() ? Started.newEvent() : new NoStatementEvent();
    }

    /** Touches {@code jdk.jfr} only when the module is there. */
    private static final class Started {

        static boolean now() {
            return FlightRecorder.isInitialized();
        }

        static OptionalEvent newEvent() {
            return new JdbiStatementEvent();
        }
    }
}
