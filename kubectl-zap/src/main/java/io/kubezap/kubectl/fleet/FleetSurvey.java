package io.kubezap.kubectl.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.kubectl.transport.PortForwarder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gathers the {@link FleetReport} from what the platform already exposes: the sessions' resources and StatefulSets, the
 * operator's Deployment and Lease, a ready session pod's readiness check per image, and CloudNativePG's Pooler metrics.
 */
public final class FleetSurvey {

    /** Leader election's Lease (operator application.properties), in the operator's namespace. */
    static final String OPERATOR_LEASE = "kubezap-operator";
    static final String CEILING_ENV = "KUBEZAP_MAX_CONCURRENT_ROLLOUTS_TOTAL";
    /** Labels the operator gives every session's objects (operator SessionObjects). */
    static final String SESSION_POD_LABEL = "app.kubernetes.io/name";
    static final String SESSION_POD_NAME = "kubezap-session";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "kubezap-operator";
    /** The session pod's readiness check that compares the database schema with its own (session-pod SchemaReadiness). */
    static final String SCHEMA_CHECK = "database-schema";
    /** CloudNativePG labels a Pooler's pods so and serves PgBouncer's pools on this port. */
    static final String CNPG_POOLER_LABEL = "cnpg.io/poolerName";
    static final int CNPG_POOLER_METRICS_PORT = 9127;
    static final String WAITING_METRIC = "cnpg_pgbouncer_pools_cl_waiting";
    /** CloudNativePG's Pooler kind; named in full, since the kubectl-zap client knows no CloudNativePG types. */
    public static final ResourceDefinitionContext CNPG_POOLERS = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Pooler").withPlural("poolers").withNamespaced(true).build();
    /** The chart labels its PgBouncer's ConfigMap and its CloudNativePG Pooler so (helm kubezap.pooler.labels). */
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    static final String PART_OF = "kubezap";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    static final String POOLER_COMPONENT = "pooler";
    private static final Pattern MAX_DB_CONNECTIONS = Pattern.compile("(?m)^max_db_connections\\s*=\\s*([0-9]+)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ClusterProbe probe;

    public FleetSurvey(KubernetesClient client, PortForwarder forwarder) {
        this.client = client;
        this.probe = new ClusterProbe(forwarder);
    }

    public FleetReport survey(List<WhatsAppSession> sessions) {
        Optional<Deployment> operator = client.apps().deployments().inAnyNamespace()
                .withLabel(PART_OF_LABEL, PART_OF).withLabel(COMPONENT_LABEL, "operator")
                .list().getItems().stream().findFirst();
        List<Pod> readySessionPods = client.pods().inAnyNamespace().withLabel(SESSION_POD_LABEL, SESSION_POD_NAME)
                .list().getItems().stream().filter(FleetSurvey::ready).toList();
        List<FleetReport.SchemaReading> schema = schema(readySessionPods);
        return new FleetReport(operator(operator), schema, schema.isEmpty() ? "no ready session pod to ask" : null,
                rollout(operator), pooler(namespaces(sessions)), SessionsNeedingAttention.of(sessions));
    }

    private FleetReport.Operator operator(Optional<Deployment> deployment) {
        if (deployment.isEmpty()) {
            return new FleetReport.Operator(null, null, null, "no kubezap operator Deployment found");
        }
        String namespace = deployment.get().getMetadata().getNamespace();
        Lease lease = client.leases().inNamespace(namespace).withName(OPERATOR_LEASE).get();
        String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        return new FleetReport.Operator(namespace, OPERATOR_LEASE, holder, lease == null
                ? "no Lease " + namespace + "/" + OPERATOR_LEASE + ": is the operator running?"
                : holder == null ? "the Lease has no holder: no replica leads" : null);
    }

    /** One ready pod per session image: pods of one image expect the same schema. */
    private List<FleetReport.SchemaReading> schema(List<Pod> readyPods) {
        Map<String, Pod> byImage = new TreeMap<>();
        readyPods.stream().sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()))
                .forEach(pod -> byImage.putIfAbsent(image(pod), pod));
        List<FleetReport.SchemaReading> readings = new ArrayList<>();
        byImage.forEach((image, pod) -> readings.add(schemaOf(image, pod)));
        return readings;
    }

    private FleetReport.SchemaReading schemaOf(String image, Pod pod) {
        String where = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        Optional<JsonNode> check = probe.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        SessionObjectNames.MANAGEMENT_PORT, "/q/health/ready")
                .flatMap(FleetSurvey::parse)
                .flatMap(health -> stream(health.path("checks")).filter(c -> SCHEMA_CHECK.equals(c.path("name").asText())).findFirst());
        return check.map(c -> new FleetReport.SchemaReading(image, where, c.at("/data/state").asText("UNKNOWN"),
                        c.at("/data/reason").asText("")))
                .orElse(new FleetReport.SchemaReading(image, where, "UNKNOWN",
                        "its readiness endpoint (port " + SessionObjectNames.MANAGEMENT_PORT + ") did not answer with " + SCHEMA_CHECK));
    }

    private FleetReport.Rollout rollout(Optional<Deployment> operator) {
        List<StatefulSet> statefulSets = client.apps().statefulSets().inAnyNamespace()
                .withLabel(MANAGED_BY_LABEL, MANAGED_BY).withLabel(SESSION_POD_LABEL, SESSION_POD_NAME).list().getItems();
        int current = (int) statefulSets.stream().filter(FleetSurvey::onCurrentRevision).count();
        int restarting = (int) statefulSets.stream().filter(FleetSurvey::restarting).count();
        Integer ceiling = operator.flatMap(FleetSurvey::ceiling).orElse(null);
        return new FleetReport.Rollout(statefulSets.size(), current, restarting, ceiling);
    }

    private static int namespaces(List<WhatsAppSession> sessions) {
        return (int) sessions.stream().map(session -> session.getMetadata().getNamespace()).distinct().count();
    }

    private FleetReport.Pooler pooler(int sessionNamespaces) {
        Integer serverConnections = serverConnections().orElse(null);
        List<Pod> pods = client.pods().inAnyNamespace().withLabel(CNPG_POOLER_LABEL).list().getItems().stream()
                .filter(FleetSurvey::ready).sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        Map<String, Integer> byPod = new LinkedHashMap<>();
        for (Pod pod : pods) {
            probe.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), CNPG_POOLER_METRICS_PORT, "/metrics")
                    .map(FleetSurvey::waiting).ifPresent(waiting -> byPod.put(pod.getMetadata().getName(), waiting));
        }
        if (byPod.isEmpty()) {
            return new FleetReport.Pooler(null, byPod, pods.isEmpty()
                    ? "no CloudNativePG Pooler pod with metrics found; the bundled PgBouncer has no metrics endpoint"
                    : "the Pooler pods' metrics (port " + CNPG_POOLER_METRICS_PORT + ") did not answer",
                    serverConnections, sessionNamespaces);
        }
        return new FleetReport.Pooler(byPod.values().stream().mapToInt(Integer::intValue).sum(), byPod, null,
                serverConnections, sessionNamespaces);
    }

    /** max_db_connections of the chart's PgBouncer (its ConfigMap) or of its CloudNativePG Pooler. */
    private Optional<Integer> serverConnections() {
        Optional<Integer> bundled = client.configMaps().inAnyNamespace().withLabel(PART_OF_LABEL, PART_OF)
                .withLabel(COMPONENT_LABEL, POOLER_COMPONENT).list().getItems().stream()
                .map(configMap -> configMap.getData() == null ? null : configMap.getData().get("pgbouncer.ini"))
                .filter(Objects::nonNull).flatMap(ini -> MAX_DB_CONNECTIONS.matcher(ini).results())
                .map(match -> Integer.valueOf(match.group(1))).findFirst();
        return bundled.isPresent() ? bundled : cloudNativePgPoolers().stream()
                .map(pooler -> pooler.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                        && spec.get("pgbouncer") instanceof Map<?, ?> pgbouncer
                        && pgbouncer.get("parameters") instanceof Map<?, ?> parameters ? parameters.get("max_db_connections") : null)
                .filter(value -> value != null && value.toString().matches("[0-9]+"))
                .map(value -> Integer.valueOf(value.toString())).findFirst();
    }

    private List<GenericKubernetesResource> cloudNativePgPoolers() {
        try {
            return client.genericKubernetesResources(CNPG_POOLERS).inAnyNamespace()
                    .withLabel(PART_OF_LABEL, PART_OF).withLabel(COMPONENT_LABEL, POOLER_COMPONENT).list().getItems();
        } catch (KubernetesClientException noCloudNativePg) {
            return List.of();
        }
    }

    /** The sum of PgBouncer's cl_waiting over its pools, from Prometheus' text format. */
    static int waiting(String metrics) {
        return (int) metrics.lines().filter(line -> line.startsWith(WAITING_METRIC + "{") || line.startsWith(WAITING_METRIC + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static Optional<Integer> ceiling(Deployment operator) {
        return operator.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .filter(env -> CEILING_ENV.equals(env.getName()) && env.getValue() != null && env.getValue().matches("[0-9]+"))
                .map(env -> Integer.valueOf(env.getValue())).findFirst();
    }

    private static boolean onCurrentRevision(StatefulSet statefulSet) {
        var status = statefulSet.getStatus();
        return status != null && (status.getUpdateRevision() == null
                || Objects.equals(status.getUpdateRevision(), status.getCurrentRevision()));
    }

    /** As the operator's rollout gate counts it: not yet every replica ready on the current revision. */
    private static boolean restarting(StatefulSet statefulSet) {
        int replicas = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        var status = statefulSet.getStatus();
        int ready = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        return replicas > 0 && (!onCurrentRevision(statefulSet) || ready < replicas);
    }

    private static String image(Pod pod) {
        return pod.getSpec() == null ? "<unknown>" : pod.getSpec().getContainers().stream().map(Container::getImage)
                .filter(Objects::nonNull).findFirst().orElse("<unknown>");
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            return Optional.of(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
