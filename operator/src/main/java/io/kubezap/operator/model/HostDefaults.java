package io.kubezap.operator.model;

import io.kubezap.contract.Placement;

/**
 * A namespace's session-host defaults, from its {@link SessionDefaults} ConfigMap (decision record 0021): the
 * placement of sessions that set none, and how many sessions a host runs.
 *
 * @param placement       null: the namespace says nothing, so {@link Placement#Pod}
 * @param sessionsPerHost the host count is the host-placed sessions over it, rounded up; null: the namespace says
 *                        nothing, so the installation's ({@code kubezap.host.sessions-per-host})
 */
public record HostDefaults(Placement placement, Integer sessionsPerHost) {

    public static final String PLACEMENT = "placement";
    public static final String SESSIONS_PER_HOST = "sessionsPerHost";
    /** A host's Secret holds at most 1 MiB of session files: 500 leaves each about 2 KiB. */
    public static final int MOST_SESSIONS_PER_HOST = 500;
    public static final HostDefaults NONE = new HostDefaults(null, null);

    public HostDefaults {
        if (sessionsPerHost != null) {
            checked(sessionsPerHost);
        }
    }

    /** The namespace's sessions per host, else {@code installation}'s. */
    public int sessionsPerHostOr(int installation) {
        return sessionsPerHost == null ? installation : sessionsPerHost;
    }

    /** {@code sessionsPerHost} if it is 1 to {@value #MOST_SESSIONS_PER_HOST}. */
    public static int checked(int sessionsPerHost) {
        if (sessionsPerHost < 1 || sessionsPerHost > MOST_SESSIONS_PER_HOST) {
            throw new IllegalArgumentException(SESSIONS_PER_HOST + " must be 1 to " + MOST_SESSIONS_PER_HOST + ", not "
                    + sessionsPerHost);
        }
        return sessionsPerHost;
    }
}
