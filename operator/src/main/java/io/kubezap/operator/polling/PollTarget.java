package io.kubezap.operator.polling;

/**
 * What to ask about one session's pod, as the session's last reconcile saw it: nothing (suspended, or held back by
 * the session limit), the pod itself (it exists but is not ready: why not?), or the pod's REST API (it is ready).
 *
 * @param apiKey         the session's API key, for {@link Kind#API}; null when its Secret is not there yet
 * @param updateRevision the StatefulSet's current template revision, for {@link Kind#POD}: a pod on an older one
 *                       that never got ready is stuck
 */
public record PollTarget(Kind kind, String apiKey, String updateRevision) {

    public enum Kind { NOTHING, POD, API }

    public static final PollTarget NOTHING = new PollTarget(Kind.NOTHING, null, null);

    public static PollTarget pod(String updateRevision) {
        return new PollTarget(Kind.POD, null, updateRevision);
    }

    public static PollTarget api(String apiKey) {
        return new PollTarget(Kind.API, apiKey, null);
    }

    /** Never the API key. */
    @Override
    public String toString() {
        return kind + (updateRevision == null ? "" : "@" + updateRevision);
    }
}
