package io.kubezap.session.e2e;

/**
 * A scenario run with its session on a session host instead of a pod of its own (issue 81): {@code class
 * MediaOnAHostIT extends MediaIT implements OnAHost {}}. A host runs Cobalt only, so a scenario's Baileys run skips.
 */
interface OnAHost extends PlacedSession {

    @Override
    default PodAgainstSimulator.Placement placement() {
        return PodAgainstSimulator.Placement.HOST;
    }
}
