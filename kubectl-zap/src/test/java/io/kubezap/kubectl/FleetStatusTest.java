package io.kubezap.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.kubectl.fleet.FleetSurvey;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 71 item 6: {@code kubectl zap status --fleet}, one report of the whole installation as an operator on call reads
 * it: the database schema as the session pods see it, the rollout's progress against the operator-wide ceiling, the
 * pooler's waiting clients, the operator's leader, and the sessions that need a person (logged out, restricted).
 */
class FleetStatusTest extends MockClusterTest {

    private static final String IMAGE = "ghcr.io/kubezap/session-pod:0.2.0";
    private static final Map<String, String> POOLER_LABELS = Map.of("app.kubernetes.io/part-of", "kubezap", "app.kubernetes.io/component", "pooler");
    private StandInEndpoint health;
    private StandInEndpoint poolerMetrics;

    @BeforeEach
    void fleet() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", true);
        cluster.resource("shop", "loja-02", SessionPhase.LoggedOut, null);
        cluster.resource("other", "caixa", SessionPhase.Failed, "5511988887777");
        cluster.resource("other", "vendas", SessionPhase.Reconnecting, "5511977776666");
        condition("other", "caixa", WhatsAppSessionStatus.CONDITION_CONNECTED, "AccountRestricted", "WhatsApp restricted the account until 2026-11-27");
        statefulSet("shop", "loja-01", "rev-2", "rev-2", 1);
        statefulSet("shop", "loja-02", "rev-1", "rev-1", 1);
        statefulSet("other", "caixa", "rev-1", "rev-2", 0);
        statefulSet("other", "vendas", "rev-1", "rev-1", 1);
        operator("kubezap-system", "50");
        client.leases().inNamespace("kubezap-system").resource(new LeaseBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("kubezap-operator").build())
                .withNewSpec().withHolderIdentity("kubezap-operator-7d9f-abcde").endSpec().build()).create();
        client.pods().inNamespace("shop").withName("loja-01-0").edit(pod -> new PodBuilder(pod).editMetadata()
                .addToLabels("app.kubernetes.io/name", "kubezap-session").endMetadata().editOrNewSpec()
                .withContainers(new ContainerBuilder().withName("session").withImage(IMAGE).build()).endSpec().build());
        health = new StandInEndpoint("/q/health/ready", 200, "application/json", """
                {"status":"UP","checks":[{"name":"database-schema","status":"UP","data":{"state":"NEWER_COMPATIBLE",
                "reason":"database schema at version 91, newer than this pod's 90 and still serving it (compatible from 88)"}}]}""");
        forwarder.pod("shop", "loja-01-0", health.url());
        poolerMetrics = new StandInEndpoint("/metrics", 200, "text/plain", """
                # HELP cnpg_pgbouncer_pools_cl_waiting Client connections that have sent queries but have not yet got a server connection.
                # TYPE cnpg_pgbouncer_pools_cl_waiting gauge
                cnpg_pgbouncer_pools_cl_waiting{database="kubezap",user="s_shop_loja_01"} 3
                cnpg_pgbouncer_pools_cl_waiting{database="kubezap",user="s_other_caixa"} 4
                cnpg_pgbouncer_pools_cl_active{database="kubezap",user="s_shop_loja_01"} 9
                """);
        client.pods().inNamespace("kubezap-system").resource(new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("kubezap-db-pooler-5c7f-x1")
                        .withLabels(Map.of("cnpg.io/poolerName", "kubezap-db-pooler")).build())
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        forwarder.pod("kubezap-system", "kubezap-db-pooler-5c7f-x1", poolerMetrics.url());
        client.genericKubernetesResources(FleetSurvey.CNPG_POOLERS).inNamespace("kubezap-system")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("postgresql.cnpg.io/v1").withKind("Pooler")
                        .withMetadata(new ObjectMetaBuilder().withName("kubezap-db-pooler").withLabels(POOLER_LABELS).build())
                        .addToAdditionalProperties("spec", Map.of("pgbouncer", Map.of("parameters", Map.of("max_db_connections", "50")))).build())
                .create();
    }

    @AfterEach
    void stopEndpoints() {
        health.close();
        poolerMetrics.close();
    }

    @Test
    void oneReportOfSchemaRolloutPoolerLeaderAndTheSessionsThatNeedSomeone() {
        ZapRunner.Result result = zap.run("status", "--fleet");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(
                "Operator leader:   kubezap-operator-7d9f-abcde (Lease kubezap-system/kubezap-operator)",
                "Rollout:           3/4 sessions on their current pod template, 1 restarting now (ceiling 50)",
                "Pooler waiting:    7 clients waiting for a server connection (kubezap-db-pooler-5c7f-x1: 7)",
                "Pooler sharing:    50 server connections per PgBouncer for 2 namespaces with sessions\n");
        assertThat(result.out()).containsPattern(IMAGE.replace(".", "\\.") + " +NEWER_COMPATIBLE +database schema at version 91, newer than this pod's 90");
        assertThat(result.out()).containsPattern("other +caixa +Failed +AccountRestricted: WhatsApp restricted the account until 2026-11-27");
        assertThat(result.out()).containsPattern("shop +loja-02 +LoggedOut +LoggedOut");
        assertThat(result.out()).doesNotContain("vendas");
        assertThat(forwarder.opened).containsExactlyInAnyOrder("pod/shop/loja-01-0:9000", "pod/kubezap-system/kubezap-db-pooler-5c7f-x1:9127");
        assertThat(forwarder.closed).containsExactlyInAnyOrderElementsOf(forwarder.opened);
        assertThat(health.requests).containsExactly("GET /q/health/ready");
    }

    @Test
    void theSameReportAsJson() throws Exception {
        ZapRunner.Result result = zap.run("status", "--fleet", "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = StandInSessionApi.JSON.readTree(result.out());
        assertThat(report.at("/operator/leader").asText()).isEqualTo("kubezap-operator-7d9f-abcde");
        assertThat(report.at("/rollout/sessions").asInt()).isEqualTo(4);
        assertThat(report.at("/rollout/onCurrentTemplate").asInt()).isEqualTo(3);
        assertThat(report.at("/rollout/restarting").asInt()).isEqualTo(1);
        assertThat(report.at("/rollout/ceiling").asInt()).isEqualTo(50);
        assertThat(report.at("/schema/0/image").asText()).isEqualTo(IMAGE);
        assertThat(report.at("/schema/0/state").asText()).isEqualTo("NEWER_COMPATIBLE");
        assertThat(report.at("/pooler/waitingClients").asInt()).isEqualTo(7);
        assertThat(report.at("/pooler/serverConnections").asInt()).isEqualTo(50);
        assertThat(report.at("/pooler/sessionNamespaces").asInt()).isEqualTo(2);
        assertThat(report.at("/attention")).extracting(node -> node.at("/namespace").asText() + "/" + node.at("/name").asText()
                + " " + node.at("/reason").asText()).containsExactly("other/caixa AccountRestricted", "shop/loja-02 LoggedOut");
    }

    @Test
    void namespacesThatOutnumberThePoolersServerConnectionsAreNamed() {
        client.genericKubernetesResources(FleetSurvey.CNPG_POOLERS).inNamespace("kubezap-system").withName("kubezap-db-pooler").delete();
        client.configMaps().inNamespace("kubezap-system").resource(new ConfigMapBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("kubezap-pgbouncer").withLabels(POOLER_LABELS).build())
                .addToData("pgbouncer.ini", "[pgbouncer]\npool_mode = transaction\ndefault_pool_size = 1\nmax_db_connections = 1\n").build()).create();

        ZapRunner.Result result = zap.run("status", "--fleet");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Pooler sharing:    1 server connections per PgBouncer for 2 namespaces with sessions:"
                + " fewer than the namespaces, so under load each connection passes between namespaces with a new server login");
    }

    @Test
    void whatCannotBeReadIsSaidNotHidden() {
        client.leases().inNamespace("kubezap-system").withName("kubezap-operator").delete();
        client.pods().inNamespace("kubezap-system").withName("kubezap-db-pooler-5c7f-x1").delete();
        client.pods().inNamespace("shop").withName("loja-01-0").delete();
        client.genericKubernetesResources(FleetSurvey.CNPG_POOLERS).inNamespace("kubezap-system").withName("kubezap-db-pooler").delete();

        ZapRunner.Result result = zap.run("status", "--fleet");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Operator leader:   none (no Lease kubezap-system/kubezap-operator: is the operator running?)",
                "Schema:            no ready session pod to ask",
                "Pooler waiting:    not exposed (no CloudNativePG Pooler pod with metrics found; the bundled PgBouncer has no metrics endpoint)",
                "Pooler sharing:    unknown (no PgBouncer ConfigMap or CloudNativePG Pooler of the chart found)");
    }

    /**
     * Issue 79 S11: what tenants wrote reached the admin's terminal raw, escape sequences and all (clear the screen,
     * retitle the window, hide or fake a line). Each is shown escaped; {@code -o json} escapes it too.
     */
    @Test
    void aTenantsEscapeSequencesReachTheTerminalOnlyAsVisibleText() throws Exception {
        String hostile = "WhatsApp restricted\u001b[2J\u001b]0;owned\u0007\rSessions needing attention: none\u009b31m\u202e";
        condition("shop", "loja-02", WhatsAppSessionStatus.CONDITION_CONNECTED, "AccountRestricted\u001b[8m", hostile);
        client.leases().inNamespace("kubezap-system").withName("kubezap-operator").edit(lease -> {
            lease.getSpec().setHolderIdentity("kubezap-operator-7d9f\u001b[1A");
            return lease;
        });

        ZapRunner.Result table = zap.run("status", "--fleet");
        ZapRunner.Result json = zap.run("status", "--fleet", "-o", "json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).as("the text report").matches(TERMINAL_SAFE);
        assertThat(table.out()).contains("AccountRestricted\\x1B[8m: WhatsApp restricted\\x1B[2J\\x1B]0;owned\\x07\\x0DSessions"
                + " needing attention: none\\x9B31m\\u202E", "kubezap-operator-7d9f\\x1B[1A");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).as("the JSON report").matches(TERMINAL_SAFE);
        JsonNode report = StandInSessionApi.JSON.readTree(json.out());
        assertThat(report.at("/attention")).anySatisfy(node -> assertThat(node.at("/message").asText()).isEqualTo(hostile));
    }

    /** Printable text and line ends only: no C0 but newline, no DEL, no C1, no bidi override. */
    private static final Pattern TERMINAL_SAFE = Pattern.compile(
            "[^\\x00-\\x09\\x0B-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]*", Pattern.DOTALL);

    @Test
    void anUnknownOutputFormatIsRefused() {
        ZapRunner.Result result = zap.run("status", "--fleet", "-o", "yaml");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("yaml");
    }

    private void condition(String namespace, String name, String type, String reason, String message) {
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).edit(session -> {
            List<io.fabric8.kubernetes.api.model.Condition> conditions = new java.util.ArrayList<>(session.getStatus().getConditions());
            conditions.removeIf(c -> c.getType().equals(type));
            conditions.add(new ConditionBuilder().withType(type).withStatus("False").withReason(reason).withMessage(message).build());
            session.getStatus().setConditions(conditions);
            return session;
        });
    }

    private void statefulSet(String namespace, String name, String current, String update, int ready) {
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of(
                        "app.kubernetes.io/name", "kubezap-session", "app.kubernetes.io/instance", name,
                        "app.kubernetes.io/managed-by", "kubezap-operator")).build())
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(ready).withCurrentRevision(name + "-" + current)
                .withUpdateRevision(name + "-" + update).endStatus().build()).create();
    }

    private void operator(String namespace, String ceiling) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("kubezap-operator").withLabels(Map.of(
                        "app.kubernetes.io/part-of", "kubezap", "app.kubernetes.io/component", "operator")).build())
                .withNewSpec().withNewTemplate().withNewSpec().addToContainers(new ContainerBuilder().withName("operator")
                        .withEnv(new EnvVarBuilder().withName("KUBEZAP_MAX_CONCURRENT_ROLLOUTS_TOTAL").withValue(ceiling).build())
                        .build()).endSpec().endTemplate().endSpec().build()).create();
    }
}
