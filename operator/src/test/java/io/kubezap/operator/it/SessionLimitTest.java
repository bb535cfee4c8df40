package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An operator allowed one session: the second waits in Pending until the first is gone. */
@QuarkusTest
@TestProfile(SessionLimitTest.OneSession.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class SessionLimitTest {

    public static class OneSession implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.max-sessions", "1");
        }
    }

    @Inject
    KubernetesClient client;

    @TestHTTPResource(value = "metrics", management = true)
    URI metrics;

    @Test
    void sessionsBeyondTheLimitWaitInPendingUntilASlotFreesUp() throws Exception {
        var cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        cluster.create("first", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("first") != null);

        cluster.create("second", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> phase(cluster.session("second")) == SessionPhase.Pending
                && cluster.session("second").getStatus().condition("Ready")
                .map(c -> "SessionLimitReached".equals(c.getReason())).orElse(false));
        assertThat(cluster.statefulSet("second")).isNull();
        assertThat(waitingForSlot()).as("the platform's alert KubezapSessionLimitReached reads it").isEqualTo(1.0);
        assertThat(client.secrets().inNamespace(cluster.namespace()).withName("second-api-key").get()).isNotNull();
        // issue 51, item 5: the server is sized for maxSessions roles' connection limits; a session waiting beyond the
        // limit holds no login a tenant could use by hand to take the others' connections
        assertThat(client.secrets().inNamespace(cluster.namespace()).withName("second-database").get())
                .as("no credentials beyond the limit").isNull();
        assertThat(roleExists("second")).as("no role beyond the limit").isFalse();
        assertThat(roleExists("first")).isTrue();

        cluster.delete("first");
        await().atMost(PATIENCE).until(() -> cluster.session("first") == null);
        // the mock API server has no garbage collector: remove what the owner reference would have removed
        client.apps().statefulSets().inNamespace(cluster.namespace()).withName("first").delete();

        await().atMost(PATIENCE).until(() -> cluster.statefulSet("second") != null);
        assertThat(roleExists("second")).as("admitted: its role and Secret come before its pod").isTrue();
        assertThat(client.secrets().inNamespace(cluster.namespace()).withName("second-database").get()).isNotNull();
        await().atMost(PATIENCE).until(() -> phase(cluster.session("second")) == SessionPhase.Pending
                && cluster.session("second").getStatus().condition("Ready")
                .map(c -> "PodNotReady".equals(c.getReason())).orElse(false));
        assertThat(waitingForSlot()).isZero();
    }

    private double waitingForSlot() throws Exception {
        String exposition = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        return exposition.lines().filter(line -> line.startsWith("kubezap_operator_sessions_waiting_for_slot "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    /** Whether the session has its database identity: a token its namespace's role may present. */
    private boolean roleExists(String session) throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            return !Sql.strings(admin, "select 1 from session_tokens where for_namespace = '"
                    + new OperatorCluster(client).namespace() + "' and for_session = '" + session + "'").isEmpty();
        }
    }

    private static SessionPhase phase(WhatsAppSession session) {
        return session.getStatus() == null ? null : session.getStatus().getPhase();
    }
}
