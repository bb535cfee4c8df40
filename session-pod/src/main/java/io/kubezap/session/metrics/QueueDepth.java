package io.kubezap.session.metrics;

/** Where the queue-depth gauge reads how many sends are queued or in flight (the outbound queue). */
public interface QueueDepth {

    /** Throws while the database is out of reach; the gauge then shows no value. */
    long depth();
}
