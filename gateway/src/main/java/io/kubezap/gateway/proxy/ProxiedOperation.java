package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionPath;
import io.kubezap.gateway.auth.Operation;

import java.util.Set;

/** What a call under a session does, judged on its path as the pod routes it ({@link SessionPath}). */
final class ProxiedOperation {

    /** The pod's calls that change the session's link to WhatsApp (session-pod SessionResource, PasskeyResource). */
    private static final Set<String> LIFECYCLE = Set.of("logout", "restart", "pairing-code", "pairing");
    /**
     * The reads that show a code linking a phone to the session: whoever reads it may link their own phone, so it
     * takes what linking takes ({@link Operation#MANAGE}), as the code's Secret takes Kubernetes' edit, not view. The
     * session's root ({@code ""}) is its state, which holds the QR, the pairing code and the passkey challenge, as
     * {@code pairing/passkey} holds the last.
     */
    private static final Set<String> LINKING_CODES = Set.of("", "qr", "pairing-code", "pairing");

    private ProxiedOperation() {
    }

    static Operation of(String method, SessionPath path) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return LINKING_CODES.contains(path.first()) ? Operation.MANAGE : Operation.READ_MESSAGES;
        }
        return LIFECYCLE.contains(path.first()) || path.isRoot() ? Operation.MANAGE : Operation.SEND;
    }

    /** Whether the call unlinks the session's WhatsApp account ({@code POST …/logout}): it is audited. */
    static boolean isLogout(String method, SessionPath path) {
        return "POST".equals(method) && "logout".equals(path.first());
    }
}
