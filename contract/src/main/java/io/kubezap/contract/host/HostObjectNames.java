package io.kubezap.contract.host;

import io.kubezap.contract.SessionAddress;
import io.kubezap.contract.SessionObjectNames;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a namespace's session hosts are named (decision record 0021): host {@code n} is the StatefulSet
 * {@code kubezap-host-<n>} of one pod, told its sessions by the Secret {@code kubezap-host-<n>-sessions}, and answers
 * under the namespace's headless Service. A session's {@code status.host} holds the host's name; the operator and the
 * gateway reach the session there.
 */
public final class HostObjectNames {

    public static final String PREFIX = "kubezap-host-";
    private static final Pattern HOST = Pattern.compile(Pattern.quote(PREFIX) + "(0|[1-9][0-9]{0,5})");

    private HostObjectNames() {
    }

    /** Host {@code ordinal}'s name: its StatefulSet's, and what {@code status.host} says. */
    public static String hostName(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("a host's ordinal is 0 or more: " + ordinal);
        }
        return PREFIX + ordinal;
    }

    /** The ordinal a host's name carries; empty for a name no host has. */
    public static OptionalInt ordinalOf(String hostName) {
        Matcher matcher = hostName == null ? null : HOST.matcher(hostName);
        return matcher != null && matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /** The Secret that holds host {@code ordinal}'s sessions ({@link HostSessionFile}). */
    public static String secretName(int ordinal) {
        return hostName(ordinal) + "-sessions";
    }

    /**
     * The namespace's Secret that every host's pool logs in with: the URL, user and password its sessions' own
     * database Secrets hold alike (the namespace's role, record 0017), without any session's token. Its name ends in
     * none of a session's Secrets' suffixes, so no session's Secret can take it.
     */
    public static final String POOL_SECRET = "kubezap-hosts-pool";

    /** The host's one pod. */
    public static String podName(int ordinal) {
        return SessionObjectNames.podName(hostName(ordinal));
    }

    /**
     * Where the gateway and the operator's polls reach a session, from what its status reports: a status naming a host
     * ({@code status.host}, only ever one of the session's namespace's hosts) sends it there; else
     * {@link SessionObjectNames#baseUrl(String, String, String, String)}. A name that is no host's is not followed.
     */
    public static String sessionBaseUrl(String template, String namespace, String session, String reportedEndpoint,
                                        String reportedHost) {
        OptionalInt ordinal = ordinalOf(reportedHost);
        return ordinal.isPresent() ? baseUrl(template, namespace, ordinal.getAsInt())
                : SessionObjectNames.baseUrl(template, namespace, session, reportedEndpoint);
    }

    /**
     * {@code template} ({@link SessionObjectNames#BASE_URL_TEMPLATE}) filled in for a session on host {@code ordinal}:
     * the host pod's name under the namespace's headless Service. The session's path below it is the same as on a pod.
     */
    public static String baseUrl(String template, String namespace, int ordinal) {
        return SessionAddress.fill(template, podName(ordinal) + "." + SessionObjectNames.SESSIONS_SERVICE, namespace);
    }
}
