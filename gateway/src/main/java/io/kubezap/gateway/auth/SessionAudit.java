package io.kubezap.gateway.auth;

import io.kubezap.contract.SessionLogFields;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit line per call that ends or stops a session (delete, suspend, logout) — allowed or refused — on the log
 * category {@value #CATEGORY}, with who ({@code audit.caller}: {@code key:<Secret>}, {@code user:<Kubernetes user>},
 * {@code stream-token}), from where ({@code audit.client}), what ({@code audit.action}), on which session
 * ({@code namespace}, {@code session}) and how it ended ({@code audit.outcome}), as fields of the JSON log line a
 * platform team ships to its log system (and in the message, for plain-text logs).
 */
public final class SessionAudit {

    public static final String CATEGORY = "kubezap.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** What ended or stopped a session. */
    public enum Action { DELETE, SUSPEND, LOGOUT }

    private SessionAudit() {
    }

    public static void record(Action action, Caller caller, String client, String namespace, String name, String outcome) {
        String who = who(caller);
        String what = action.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("audit.action", what);
        fields.put("audit.caller", who);
        fields.put("audit.client", client == null ? "" : client);
        fields.put("audit.outcome", outcome);
        fields.put(SessionLogFields.NAMESPACE, namespace);
        fields.put(SessionLogFields.SESSION, name);
        Map<String, Object> before = new LinkedHashMap<>();
        fields.keySet().forEach(field -> before.put(field, MDC.get(field)));
        fields.forEach(MDC::put);
        try {
            LOG.infof("%s of session %s/%s by %s from %s: %s", what, namespace, name, who, client, outcome);
        } finally {
            // the proxy's lines run on shared event-loop threads: leave the MDC as it was
            before.forEach((field, value) -> {
                if (value == null) {
                    MDC.remove(field);
                } else {
                    MDC.put(field, value);
                }
            });
        }
    }

    static String who(Caller caller) {
        return switch (caller) {
            case Caller.KeyHolder key -> "key:" + key.scope().keyName();
            case Caller.KubernetesUser user -> "user:" + user.username();
            case Caller.StreamTokenHolder token -> "stream-token";
            case null -> "anonymous";
        };
    }
}
