package io.kubezap.contract;

/**
 * Where a session runs ({@code spec.placement}, the namespace default's {@code placement}): the CRD's enum and the
 * operator use these names (decision record 0021).
 */
public enum Placement {
    /** A StatefulSet of one pod of its own, as every release before hosts. */
    Pod,
    /** One of its namespace's session hosts, pods that run many sessions in one JVM; needs storage mode Database. */
    Host
}
