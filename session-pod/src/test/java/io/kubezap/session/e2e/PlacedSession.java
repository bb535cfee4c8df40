package io.kubezap.session.e2e;

/**
 * A scenario whose session may run on a session host (issue 81) as well as on a pod of its own: the scenario creates
 * its world with {@link #placement()}, a subclass {@code …OnAHostIT} answers {@link PodAgainstSimulator.Placement#HOST}.
 */
interface PlacedSession {

    default PodAgainstSimulator.Placement placement() {
        return PodAgainstSimulator.Placement.POD;
    }
}
