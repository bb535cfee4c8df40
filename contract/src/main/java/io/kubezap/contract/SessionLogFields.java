package io.kubezap.contract;

/**
 * The fields that name a session in every log line about it: logging MDC keys in the operator's reconciler and the
 * gateway's session paths, additional JSON fields in the session pod (which knows its own). A log search for one
 * session's lines works the same across the three.
 */
public final class SessionLogFields {

    public static final String NAMESPACE = "namespace";
    public static final String SESSION = "session";

    private SessionLogFields() {
    }
}
