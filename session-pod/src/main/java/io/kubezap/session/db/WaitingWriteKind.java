package io.kubezap.session.db;

import io.kubezap.session.json.SpooledJson;

/**
 * A kind of write that may wait for the database: how one is recorded, and how it is written to and read back from
 * the session's volume, where it waits across a restart ({@link WritesAwaitingDatabase}).
 */
public interface WaitingWriteKind<T> {

    /** Names the kind in the spool: a spool written by one release is replayed by the next, so never rename it. */
    String name();

    /** What the write records, for the log. */
    String describe(T value);

    /** How a value is written to the volume and read back. */
    SpooledJson<T> json();

    /** Records {@code value}; throws what {@link DatabaseFailures#unavailable} recognises while the database is away. */
    void record(T value);
}
