package io.kubezap.session.schema;

/**
 * How the database schema compares with the one this pod was built for (its own migrations, the same files the
 * migration Job applies). {@code detail}: why it is unreachable, or for a newer schema the oldest schema version it
 * still serves (its compatibility marker, {@link io.kubezap.schema.SchemaCompatibility}; null when it has none).
 */
public record SchemaStatus(State state, String current, String expected, String detail) {

    public enum State {
        /** Every migration this pod knows is applied, and nothing newer. */
        CURRENT,
        /** Migrations this pod needs are not applied yet: wait for the release's migration Job. */
        BEHIND,
        /**
         * The database has migrations this pod does not know, and says it still serves this pod's schema (expand only
         * since): the release before, after a rollback, runs on it.
         */
        NEWER_COMPATIBLE,
        /** The database has migrations this pod does not know and does not serve its schema: the pod must not run. */
        AHEAD,
        /** The schema could not be read (database down, wrong credentials). */
        UNREACHABLE
    }

    public boolean ready() {
        return state == State.CURRENT || state == State.NEWER_COMPATIBLE;
    }

    /** One line for logs and the readiness check. */
    public String describe() {
        return switch (state) {
            case CURRENT -> "database schema at version " + current;
            case BEHIND -> "waiting for the database schema: at version " + (current == null ? "none" : current)
                    + ", this pod needs " + expected + " (the release's migration Job applies it: kubezap-session-pod migrate)";
            case NEWER_COMPATIBLE -> "database schema at version " + current + ", newer than this pod's " + expected
                    + " and still serving it (compatible from " + detail + ")";
            case AHEAD -> "the database schema is at version " + current + ", newer than this pod understands ("
                    + expected + ")" + (detail == null ? "" : " and serving session pods from schema " + detail + " on only")
                    + ": run a session-pod image of the release that migrated it";
            case UNREACHABLE -> "cannot read the database schema: " + detail;
        };
    }
}
