package io.kubezap.operator.host;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Which host runs each host-placed session of a namespace (decision record 0021), pure: the namespace runs
 * {@code ceil(sessions / sessionsPerHost)} hosts; a session stays on its current host while that host exists and
 * holds no more than {@code sessionsPerHost}; any other goes to the host with room that ranks first for it by
 * rendezvous hashing. So adding or removing a session moves no other one, and removing hosts moves only their
 * sessions; the same sessions and current hosts give the same answer in every reconcile.
 */
public final class HostAssignment {

    private HostAssignment() {
    }

    /** How many hosts {@code sessions} need. */
    public static int hosts(int sessions, int sessionsPerHost) {
        if (sessionsPerHost < 1) {
            throw new IllegalArgumentException("sessionsPerHost must be 1 or more: " + sessionsPerHost);
        }
        return (sessions + sessionsPerHost - 1) / sessionsPerHost;
    }

    /**
     * @param sessions the namespace's host-placed sessions
     * @param current  the host ordinal a session is on now ({@code status.host}); sessions without one are absent
     * @return each session's host ordinal, by session name
     */
    public static SortedMap<String, Integer> assign(Collection<String> sessions, Map<String, Integer> current,
                                                    int sessionsPerHost) {
        int hosts = hosts(sessions.size(), sessionsPerHost);
        int[] load = new int[hosts];
        List<String> sorted = sessions.stream().distinct().sorted().toList();
        SortedMap<String, Integer> assigned = new TreeMap<>();
        for (String session : sorted) {
            Integer host = current.get(session);
            if (host != null && host >= 0 && host < hosts && load[host] < sessionsPerHost) {
                assigned.put(session, host);
                load[host]++;
            }
        }
        for (String session : sorted) {
            if (!assigned.containsKey(session)) {
                int host = preferred(session, hosts, load, sessionsPerHost);
                assigned.put(session, host);
                load[host]++;
            }
        }
        return assigned;
    }

    /** The host with room whose rendezvous score for {@code session} is highest (the lower ordinal on a tie). */
    private static int preferred(String session, int hosts, int[] load, int sessionsPerHost) {
        return IntStream.range(0, hosts).filter(host -> load[host] < sessionsPerHost).boxed()
                .max(Comparator.<Integer>comparingLong(host -> score(session, host))
                        .thenComparing(Comparator.<Integer>reverseOrder()))
                .orElseThrow(() -> new IllegalStateException("no host has room: the host count is below the sessions'"));
    }

    /** A stable 64-bit mix of the session's name and the host (String.hashCode is specified, so every JVM agrees). */
    private static long score(String session, int host) {
        long x = session.hashCode() * 0x9E3779B97F4A7C15L + host * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        return x ^ (x >>> 33);
    }
}
