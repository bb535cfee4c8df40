package io.kubezap.session.metrics;

/** Where the row-count gauges learn whether the session's rows may have changed since they last read them. */
public interface RowWrites {

    /** A number that moves on whenever a write of the session's rows has ended. */
    long writesEnded();
}
