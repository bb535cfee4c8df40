package io.kubezap.gateway.proxy;

import io.kubezap.gateway.auth.Operation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a call under a session does, judged on its path as the pod will resolve it ({@code ..}, {@code ;params}). */
final class ProxiedOperation {

    /** The pod's calls that change the session's link to WhatsApp (session-pod SessionResource, PasskeyResource). */
    private static final Set<String> LIFECYCLE = Set.of("logout", "restart", "pairing-code", "pairing");
    /**
     * The reads that show a code linking a phone to the session: whoever reads it may link their own phone, so it
     * takes what linking takes ({@link Operation#MANAGE}), as the code's Secret takes Kubernetes' edit, not view.
     */
    private static final Set<String> LINKING_CODES = Set.of("qr", "pairing-code");

    private ProxiedOperation() {
    }

    static Operation of(String method, String path) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return LINKING_CODES.contains(firstSegment(path)) ? Operation.MANAGE : Operation.READ_MESSAGES;
        }
        return LIFECYCLE.contains(firstSegment(path)) ? Operation.MANAGE : Operation.SEND;
    }

    /** Whether the call unlinks the session's WhatsApp account ({@code POST …/logout}): it is audited. */
    static boolean isLogout(String method, String path) {
        return "POST".equals(method) && "logout".equals(firstSegment(path));
    }

    private static String firstSegment(String path) {
        List<String> segments = segments(path);
        return segments.isEmpty() ? "" : segments.get(0).toLowerCase(Locale.ROOT);
    }

    /** The path's segments as the pod resolves them: {@code ..} and {@code .} applied, {@code ;params} dropped. */
    static List<String> segments(String path) {
        String normalized;
        try {
            normalized = new URI(null, null, "/" + path, null).normalize().getPath();
        } catch (URISyntaxException unreadable) {
            normalized = path;
        }
        return Arrays.stream(normalized.split("/")).filter(segment -> !segment.isEmpty())
                .map(segment -> segment.split(";", 2)[0]).toList();
    }
}
