package io.kubezap.session.engine.cobalt;

import java.util.function.UnaryOperator;

/**
 * Keeps a pod that lost the session's lease off WhatsApp, whoever opens the socket. Cobalt 0.0.10 connects again by
 * itself, on its own thread and at once, when the server ends a connection with a reason ({@code stream:error}
 * {@code conflict}, say), without asking the pod: a pod cut off from the cluster while another took the session over
 * wakes up to the {@code conflict} its socket held, and would log in with the keys the other pod now uses (WhatsApp then
 * cuts that one off, and logs out both when it happens often). {@link ReconnectWatchdog} checks the lease before the
 * connections it opens; this checks it before every Noise handshake frame a client sends (the only bodies Cobalt sends
 * as bytes: the hello and the finish, which carries the login), so Cobalt's own reconnects pass the same check. A
 * refused frame is never sent, so WhatsApp sees a socket that never logs in.
 */
final class LoginGate implements UnaryOperator<Object> {

    private final Runnable checkLease;
    private final UnaryOperator<Object> next;

    /**
     * @param checkLease throws {@link io.kubezap.session.engine.KeyStoreTakenOver} when another pod took the session
     * @param next       what every body passes through after the gate (the acknowledgement hold)
     */
    LoginGate(Runnable checkLease, UnaryOperator<Object> next) {
        this.checkLease = checkLease;
        this.next = next;
    }

    @Override
    public Object apply(Object body) {
        if (body instanceof byte[]) {
            checkLease.run();
        }
        return next.apply(body);
    }
}
