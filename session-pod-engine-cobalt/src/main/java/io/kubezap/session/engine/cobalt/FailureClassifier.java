package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.cobalt.ConnectionFailure.Kind;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Tells logged-out, banned and outdated apart from transient drops. Cobalt 0.0.10 reports every end of a
 * connection as the same {@code DISCONNECTED}, so the adapter reads the server's own verdict from
 * {@code failure} and {@code stream:error} nodes. A {@code failure 405} is "client outdated" (whatsmeow's
 * {@code ConnectFailureClientOutdated}), not a logout, although Cobalt 0.0.10 takes it for one.
 */
public final class FailureClassifier {

    private static final Set<Integer> LOGGED_OUT_CODES = Set.of(401);
    private static final int CLIENT_OUTDATED = 405;
    private static final Set<Integer> BANNED_CODES = Set.of(403, 503);
    private static final int RESTART_REQUIRED = 515;

    /** The failure a node announces, or empty when the node is not a failure. */
    public Optional<ConnectionFailure> classify(NodeView node) {
        return switch (node.tag()) {
            case "failure" -> Optional.of(classifyFailure(node));
            case "stream:error" -> Optional.of(classifyStreamError(node));
            default -> Optional.empty();
        };
    }

    private ConnectionFailure classifyFailure(NodeView node) {
        var code = code(node, "reason");
        var detail = "failure " + node.attribute("reason").orElse("without reason")
                + node.attribute("location").map(location -> " at " + location).orElse("");
        return byCode(code, detail).orElse(new ConnectionFailure(Kind.TRANSIENT, "ConnectionFailure", detail));
    }

    private ConnectionFailure classifyStreamError(NodeView node) {
        var detail = "stream:error " + node.attribute("code").orElse("without code") + streamErrorType(node);
        if (isDeviceRemoved(node)) {
            return new ConnectionFailure(Kind.LOGGED_OUT, "LoggedOut", detail);
        }
        // conflict "replaced": a newer socket with this device's keys logged in. whatsmeow stays down then; a gateway
        // reconnects (Cobalt 0.0.10 does so by itself at once), because with one pod per session (a StatefulSet) the
        // other socket is most likely a stale one of this session, and staying down would need a human. Should another
        // process really use the same keys, the two take turns: each turn a session.disconnected "Conflict" and one
        // more reconnect in the status, so it does not go unseen.
        if (node.child("conflict").isPresent()) {
            return new ConnectionFailure(Kind.TRANSIENT, "Conflict", detail + ": another connection replaced this one");
        }
        var code = code(node, "code");
        if (code.isPresent() && code.getAsInt() == RESTART_REQUIRED) {
            return new ConnectionFailure(Kind.RESTART, "RestartRequired", detail);
        }
        return byCode(code, detail).orElse(new ConnectionFailure(Kind.TRANSIENT, "StreamError", detail));
    }

    private static Optional<ConnectionFailure> byCode(OptionalInt code, String detail) {
        if (code.isEmpty()) {
            return Optional.empty();
        }
        if (code.getAsInt() == CLIENT_OUTDATED) {
            return Optional.of(new ConnectionFailure(Kind.OUTDATED, SessionState.LastError.CLIENT_OUTDATED, detail));
        }
        if (LOGGED_OUT_CODES.contains(code.getAsInt())) {
            return Optional.of(new ConnectionFailure(Kind.LOGGED_OUT, "LoggedOut", detail));
        }
        if (BANNED_CODES.contains(code.getAsInt())) {
            return Optional.of(new ConnectionFailure(Kind.BANNED, "Banned", detail));
        }
        return Optional.empty();
    }

    private static boolean isDeviceRemoved(NodeView node) {
        return node.children().stream()
                .anyMatch(child -> "device_removed".equals(child.attributes().get("type"))
                        || "device_removed".equals(child.attributes().get("reason")));
    }

    private static String streamErrorType(NodeView node) {
        return node.firstChild()
                .map(child -> " (" + child.attribute("reason").or(() -> child.attribute("type")).orElse(child.tag()) + ")")
                .orElse("");
    }

    private static OptionalInt code(NodeView node, String attribute) {
        var raw = node.attribute(attribute);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(raw.get().trim()));
        } catch (NumberFormatException notANumber) {
            return OptionalInt.empty();
        }
    }
}
