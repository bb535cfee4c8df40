package io.kubezap.operator.events;

/**
 * A failure whose reason the user reads: the session shows condition Ready=False and a Warning Event with
 * {@link #reason()}, and reconciling is retried with backoff.
 */
public interface ReasonedFailure {

    Reason reason();
}
