package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.Placement;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.host.HostAssignment;
import io.kubezap.operator.host.HostDisruptionBudget;
import io.kubezap.operator.host.HostPlan;
import io.kubezap.operator.host.HostPoolSecret;
import io.kubezap.operator.host.HostSessionEntry;
import io.kubezap.operator.host.HostStatefulSet;
import io.kubezap.operator.model.HostDefaults;
import io.kubezap.operator.model.Placements;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.model.SessionStatefulSet;
import io.kubezap.operator.model.StorageModes;
import io.kubezap.operator.namespace.DesiredHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A namespace's session hosts (decision record 0021), kept by the reconciles of its sessions: each host-placed
 * session's reconcile renders its own entry (off the pod template a pod of its own would get, Secrets resolved) and
 * writes the namespace's hosts from {@link HostPlan}, the other sessions' entries as they were last written; a session
 * no longer hosted, or deleted, leaves. No session owns the host objects; the plan of no session removes them. The
 * reconciles of one namespace take turns (a lock per namespace), so two of them never write one host's Secret at once.
 */
@ApplicationScoped
public class SessionHosts {

    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    static final String COMPONENT = "session-host";

    private final OperatorConfig config;
    private final SessionStatefulSet pod;
    private final Map<String, Object> namespaces = new ConcurrentHashMap<>();

    @Inject
    public SessionHosts(OperatorConfig config, SessionStatefulSet pod) {
        this.config = config;
        this.pod = pod;
        HostDefaults.checked(config.host().sessionsPerHost());
    }

    /** Where the session runs: its spec, else its namespace's default (a readable one), else a pod of its own. */
    public Placement placement(WhatsAppSession session, Context<WhatsAppSession> context) {
        return Placements.effective(session, hostDefaults(session, context).orElse(HostDefaults.NONE),
                StorageModes.effective(session, config.session(), context.getSecondaryResource(StatefulSet.class)));
    }

    /** A namespace's session pods and session hosts: what its role's connections are for. */
    public record Occupancy(long pods, long hosts) {
    }

    /**
     * The session pods and hosts of the session's namespace, counting a session moving between placements in both
     * (a host-placed session whose own StatefulSet is still there, one moving back whose status still names its host).
     * Another session's placement is its spec and the namespace's default over the storage mode it asks for: its
     * StatefulSet is not this reconcile's to read.
     */
    public Occupancy occupancy(WhatsAppSession session, Context<WhatsAppSession> context) {
        HostDefaults defaults = hostDefaults(session, context).orElse(HostDefaults.NONE);
        String name = session.getMetadata().getName();
        List<WhatsAppSession> others = context.getPrimaryCache().list(namespace(session))
                .filter(other -> !other.getMetadata().getName().equals(name)).toList();
        boolean hosted = placement(session, context) == Placement.Host;
        long pods = (!hosted || context.getSecondaryResource(StatefulSet.class).isPresent() ? 1 : 0)
                + others.stream().filter(other -> placementOf(other, defaults) == Placement.Pod).count();
        long onHosts = (hosted || reportedHost(session).isPresent() ? 1 : 0) + others.stream()
                .filter(other -> placementOf(other, defaults) == Placement.Host || reportedHost(other).isPresent()).count();
        return new Occupancy(pods, HostAssignment.hosts(Math.toIntExact(onHosts), sessionsPerHost(defaults)));
    }

    private int sessionsPerHost(HostDefaults namespace) {
        return namespace.sessionsPerHostOr(config.host().sessionsPerHost());
    }

    private Placement placementOf(WhatsAppSession other, HostDefaults defaults) {
        return Placements.effective(other, defaults, StorageModes.effective(other, config.session(), Optional.empty()));
    }

    /**
     * Whether the session's own StatefulSet must not be: it is placed on a host and either has none, or its host's
     * Secret holds it already (a move from a pod: the host takes the key store's lease before the pod goes).
     */
    public boolean leavesItsPod(WhatsAppSession session, Context<WhatsAppSession> context, boolean hasStatefulSet) {
        if (placement(session, context) != Placement.Host) {
            return false;
        }
        return !hasStatefulSet || reportedHost(session).filter(host -> holds(context.getClient(), session, host)).isPresent();
    }

    /**
     * Keeps the namespace's hosts as this session needs them, and says which host runs it: empty on a pod of its
     * own. A session moving back to its own pod stays on its host until that pod is ready.
     */
    public Optional<String> keep(WhatsAppSession session, Context<WhatsAppSession> context) {
        boolean hosted = placement(session, context) == Placement.Host;
        if (!hosted && reportedHost(session).isEmpty()) {
            return Optional.empty();
        }
        boolean stays = hosted || !ownPodReady(context);
        synchronized (lockOf(session)) {
            HostSessionFile.Entry own = stays ? entry(session, context) : null;
            return plan(session, context, own);
        }
    }

    /** From the cleanup of a deleted session: its namespace's hosts without it (none when it was the last). */
    public void release(WhatsAppSession session, Context<WhatsAppSession> context) {
        synchronized (lockOf(session)) {
            if (reportedHost(session).isPresent() || placement(session, context) == Placement.Host) {
                plan(session, context, null);
            }
        }
    }

    private Object lockOf(WhatsAppSession session) {
        return namespaces.computeIfAbsent(namespace(session), namespace -> new Object());
    }

    private Optional<String> plan(WhatsAppSession session, Context<WhatsAppSession> context, HostSessionFile.Entry own) {
        KubernetesClient client = context.getClient();
        String namespace = namespace(session);
        String name = session.getMetadata().getName();
        List<Secret> secrets = hostSecrets(client, namespace);
        Set<String> live = context.getPrimaryCache().list(namespace)
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .map(other -> other.getMetadata().getName()).collect(Collectors.toSet());
        Map<String, HostPlan.HostedSession> hosted = new TreeMap<>();
        for (Secret secret : secrets) {
            String host = secret.getMetadata().getLabels().get(SessionObjects.LABEL_INSTANCE);
            entries(secret).forEach((session1, content) -> {
                if (live.contains(session1) && !session1.equals(name)) {
                    hosted.put(session1, new HostPlan.HostedSession(HostSessionFile.read(session1, content), host));
                }
                if (session1.equals(name) && own != null) {
                    hosted.put(name, new HostPlan.HostedSession(own, host));
                }
            });
        }
        if (own != null) {
            hosted.putIfAbsent(name, new HostPlan.HostedSession(own, reportedHost(session).orElse(null)));
        }
        int sessionsPerHost = sessionsPerHost(hostDefaults(session, context).orElse(HostDefaults.NONE));
        HostPlan plan = HostPlan.of(namespace, new ArrayList<>(hosted.values()), sessionsPerHost,
                new HostStatefulSet.Settings(config), pool(session, context, secrets));
        apply(client, namespace, plan);
        return Optional.ofNullable(plan.hostOfSession().get(name));
    }

    /**
     * The namespace's pool Secret, copied from this session's own database Secret (every session's holds the
     * namespace's login alike), else as it is now (a deleted session's own may be gone already).
     */
    private Optional<Secret> pool(WhatsAppSession session, Context<WhatsAppSession> context, List<Secret> hostSecrets) {
        var database = config.database();
        return OwnedSecrets.of(context, SessionObjects.databaseSecretName(session))
                .or(() -> hostSecrets.stream()
                        .filter(secret -> HostObjectNames.POOL_SECRET.equals(secret.getMetadata().getName())).findFirst())
                .map(login -> HostPoolSecret.desired(namespace(session), login,
                        List.of(database.urlKey(), database.usernameKey(), database.passwordKey())));
    }

    /**
     * Secrets first (a host mounts its own and logs in with the pool's), then the hosts, then the budget; what the
     * plan no longer has goes.
     */
    private static void apply(KubernetesClient client, String namespace, HostPlan plan) {
        plan.secrets().forEach(secret -> write(client, secret));
        plan.poolSecret().ifPresent(secret -> write(client, secret));
        plan.statefulSets().forEach(statefulSet -> write(client, statefulSet));
        plan.disruptionBudget().ifPresentOrElse(budget -> write(client, budget), () -> client.policy().v1()
                .podDisruptionBudget().inNamespace(namespace).withName(HostDisruptionBudget.NAME).delete());
        Set<String> hosts = plan.statefulSets().stream().map(set -> set.getMetadata().getName()).collect(Collectors.toSet());
        client.apps().statefulSets().inNamespace(namespace).withLabel(COMPONENT_LABEL, COMPONENT).list().getItems().stream()
                .filter(set -> !hosts.contains(set.getMetadata().getName()))
                .forEach(set -> client.resource(set).delete());
        Set<String> secrets = Stream.concat(plan.secrets().stream(), plan.poolSecret().stream())
                .map(secret -> secret.getMetadata().getName()).collect(Collectors.toSet());
        hostSecrets(client, namespace).stream().filter(secret -> !secrets.contains(secret.getMetadata().getName()))
                .forEach(secret -> client.resource(secret).delete());
    }

    /** Written only when it differs from what it should hold (its hash, {@link DesiredHash}). */
    private static <R extends HasMetadata> void write(KubernetesClient client, R desired) {
        R annotated = DesiredHash.annotated(desired);
        R found = client.resource(annotated).get();
        if (found == null || !Objects.equals(DesiredHash.of(found), DesiredHash.of(annotated))) {
            annotated.getMetadata().setResourceVersion(null);
            client.resource(annotated).createOr(NonDeletingOperation::update);
        }
    }

    private HostSessionFile.Entry entry(WhatsAppSession session, Context<WhatsAppSession> context) {
        StatefulSet rendered = SessionStatefulSetDependent.rendered(pod, session, context, Optional.empty());
        return HostSessionEntry.of(session.getMetadata().getName(), rendered.getSpec().getTemplate(),
                secretValues(context.getClient(), namespace(session)));
    }

    /** A Secret's key, read once per entry from the API server. */
    private static HostSessionEntry.SecretValues secretValues(KubernetesClient client, String namespace) {
        Map<String, Optional<Secret>> read = new HashMap<>();
        return (name, key) -> read.computeIfAbsent(name, secret ->
                        Optional.ofNullable(client.secrets().inNamespace(namespace).withName(secret).get()))
                .flatMap(secret -> value(secret, key));
    }

    private static Optional<String> value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(secret.getStringData()).map(data -> data.get(key));
    }

    /** Session name → its file, as the host's Secret holds them. */
    private static Map<String, String> entries(Secret secret) {
        Map<String, String> entries = new TreeMap<>();
        Objects.requireNonNullElse(secret.getData(), Map.<String, String>of()).forEach((file, content) ->
                HostSessionFile.sessionOf(file).ifPresent(session ->
                        entries.put(session, new String(Base64.getDecoder().decode(content), StandardCharsets.UTF_8))));
        return entries;
    }

    private static boolean holds(KubernetesClient client, WhatsAppSession session, String host) {
        var ordinal = HostObjectNames.ordinalOf(host);
        if (ordinal.isEmpty()) {
            return false;
        }
        Secret secret = client.secrets().inNamespace(namespace(session)).withName(HostObjectNames.secretName(ordinal.getAsInt())).get();
        return secret != null && entries(secret).containsKey(session.getMetadata().getName());
    }

    private static List<Secret> hostSecrets(KubernetesClient client, String namespace) {
        return client.secrets().inNamespace(namespace).withLabel(COMPONENT_LABEL, COMPONENT).list().getItems();
    }

    private static Optional<String> reportedHost(WhatsAppSession session) {
        return Optional.ofNullable(session.getStatus()).map(status -> status.getHost());
    }

    private static boolean ownPodReady(Context<WhatsAppSession> context) {
        return context.getSecondaryResource(StatefulSet.class)
                .map(set -> set.getStatus() != null && set.getStatus().getReadyReplicas() != null
                        && set.getStatus().getReadyReplicas() > 0)
                .orElse(false);
    }

    /** The namespace's defaults when readable; an unreadable ConfigMap is reported by the StatefulSet's rendering. */
    private static Optional<HostDefaults> hostDefaults(WhatsAppSession session, Context<WhatsAppSession> context) {
        try {
            return Optional.of(NamespaceDefaults.of(session, context).hosts());
        } catch (NamespaceDefaults.InvalidException unreadable) {
            return Optional.empty();
        }
    }

    private static String namespace(WhatsAppSession session) {
        return session.getMetadata().getNamespace();
    }
}
