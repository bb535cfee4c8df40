package io.kubezap.session.schema;

/**
 * How the database schema compares with the one this pod was built for (its own migrations, the same files the
 * migration Job applies).
 */
public record SchemaStatus(State state, String current, String expected, String detail) {

    public enum State {
        /** Every migration this pod knows is applied, and nothing newer. */
        CURRENT,
        /** Migrations this pod needs are not applied yet: wait for the release's migration Job. */
        BEHIND,
        /** The database has migrations this pod does not know: an older pod on a newer schema must not run. */
        AHEAD,
        /** The schema could not be read (database down, wrong credentials). */
        UNREACHABLE
    }

    public boolean ready() {
        return state == State.CURRENT;
    }

    /** One line for logs and the readiness check. */
    public String describe() {
        return switch (state) {
            case CURRENT -> "database schema at version " + current;
            case BEHIND -> "waiting for the database schema: at version " + (current == null ? "none" : current)
                    + ", this pod needs " + expected + " (the release's migration Job applies it: kubezap-session-pod migrate)";
            case AHEAD -> "the database schema is at version " + current + ", newer than this pod understands ("
                    + expected + "): run a session-pod image of the release that migrated it";
            case UNREACHABLE -> "cannot read the database schema: " + detail;
        };
    }
}
