package io.kubezap.contract;

/**
 * The WhatsApp Web client a session pod runs: the resource's {@code spec.engine}, passed to the session pod as
 * {@link PodEnvironment#ENGINE}. What each supports is the session pod README's engine table.
 */
public enum EngineKind {
    /** Cobalt 0.0.10, in the pod's JVM: every capability of the API. */
    Cobalt,
    /** Baileys (Node.js), a child process of the pod: most of the API; what it lacks answers 501 (the README's table). */
    Baileys
}
