package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.operator.model.PodTemplateHash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A namespace's session hosts as they should be, pure: from its host-placed sessions (each one's entry and current
 * host), the hosts they need, each host's StatefulSet and Secret, the disruption budget and the pool Secret the hosts
 * log in with while there is a host, and the host each session's status names.
 */
public record HostPlan(SortedMap<String, String> hostOfSession, List<StatefulSet> statefulSets, List<Secret> secrets,
                       Optional<PodDisruptionBudget> disruptionBudget, Optional<Secret> poolSecret) {

    /** A host-placed session: its entry and the host its status names now (null: none yet). */
    public record HostedSession(HostSessionFile.Entry entry, String currentHost) {
    }

    /** {@code pool}: the namespace's pool Secret ({@link HostPoolSecret}); empty while no session's login is known. */
    public static HostPlan of(String namespace, List<HostedSession> sessions, int sessionsPerHost,
                              HostStatefulSet.Settings settings, Optional<Secret> pool) {
        Map<String, Integer> current = new TreeMap<>();
        sessions.forEach(hosted -> HostObjectNames.ordinalOf(hosted.currentHost())
                .ifPresent(ordinal -> current.put(hosted.entry().session(), ordinal)));
        SortedMap<String, Integer> assigned = HostAssignment.assign(
                sessions.stream().map(hosted -> hosted.entry().session()).toList(), current, sessionsPerHost);
        int hosts = HostAssignment.hosts(assigned.size(), sessionsPerHost);
        Map<Integer, List<HostSessionFile.Entry>> entriesOfHost = sessions.stream().collect(Collectors.groupingBy(
                hosted -> assigned.get(hosted.entry().session()), TreeMap::new,
                Collectors.mapping(HostedSession::entry, Collectors.toList())));
        String poolDigest = pool.map(PodTemplateHash::secretDigest).orElse("");
        List<StatefulSet> statefulSets = new ArrayList<>();
        List<Secret> secrets = new ArrayList<>();
        IntStream.range(0, hosts).forEach(ordinal -> {
            statefulSets.add(HostStatefulSet.desired(namespace, ordinal, settings, poolDigest));
            secrets.add(HostSessionSecret.desired(namespace, ordinal, entriesOfHost.getOrDefault(ordinal, List.of())));
        });
        SortedMap<String, String> hostOfSession = new TreeMap<>();
        assigned.forEach((session, ordinal) -> hostOfSession.put(session, HostObjectNames.hostName(ordinal)));
        return new HostPlan(hostOfSession, statefulSets, secrets,
                hosts == 0 ? Optional.empty() : Optional.of(HostDisruptionBudget.desired(namespace)),
                hosts == 0 ? Optional.empty() : pool);
    }
}
