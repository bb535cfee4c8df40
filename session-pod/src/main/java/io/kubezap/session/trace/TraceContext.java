package io.kubezap.session.trace;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/): the {@code traceparent} of the request that caused
 * something, and its vendors' {@code tracestate} (null when none). Kept with a message and its events so that their
 * webhook deliveries and CloudEvents continue the request's trace.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** Version 00's layout; a later version may add fields after a dash, which is kept but not read. */
    private static final Pattern PARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    private static final int MAX_STATE = 512;

    /**
     * The context a caller sent, when its {@code traceparent} is well formed; a malformed one (or an all-zero trace or
     * parent id, or version ff) is ignored as the specification says. An over-long {@code tracestate} is dropped.
     */
    public static Optional<TraceContext> fromHeaders(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Optional.empty();
        }
        String parent = traceparent.strip();
        if (!PARENT.matcher(parent).matches() || parent.startsWith("ff") || parent.startsWith("00") && parent.length() != 55
                || allZero(parent.substring(3, 35)) || allZero(parent.substring(36, 52))) {
            return Optional.empty();
        }
        String state = tracestate == null || tracestate.isBlank() || tracestate.length() > MAX_STATE ? null : tracestate.strip();
        return Optional.of(new TraceContext(parent, state));
    }

    /** The trace's id: what a tracing backend shows for every span of the request. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    private static boolean allZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
