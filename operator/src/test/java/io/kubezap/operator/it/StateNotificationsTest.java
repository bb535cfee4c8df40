package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.schema.SessionSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connected session's pod is polled when it notifies a change on PostgreSQL (the channel
 * {@value SessionSchema#STATE_CHANNEL}), not on a timer: with every interval of a connected session far beyond the
 * test, a change reaches the status only through a notification, or through the poll of every pod that follows a lost
 * listening connection (notifications sent meanwhile are lost). Against the embedded PostgreSQL.
 */
@QuarkusTest
@TestProfile(StateNotificationsTest.NoTimerWithinTheTest.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class StateNotificationsTest {

    public static class NoTimerWithinTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.poll.connected-interval", "10m", "kubezap.poll.backstop-interval", "10m");
        }
    }

    @Inject
    KubernetesClient client;
    private OperatorCluster cluster;
    private SessionPodStub pods;

    @BeforeEach
    void databaseAndPods() {
        cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        pods = SessionPodStubResource.stub();
    }

    @Test
    void aPodsNotificationMakesItsChangeTheStatusAndJunkDoesNot() throws SQLException {
        connect(cluster, pods, "romeo", "5511911110000");
        connect(cluster, pods, "sierra", "5511922220000");
        StateChannel.awaitListening();
        int sierraReads = settledReads(pods, "sierra");

        pods.state("romeo", SessionStates.connected("romeo", "5511911110000", "Loja Nova"));
        for (String junk : new String[] {"", "romeo", "/", cluster.namespace() + "/", "a/b/c", "9223372036854775807",
                cluster.namespace() + "/nobody"}) {
            StateChannel.notify(junk);
        }
        StateChannel.notify(SessionSchema.statePayload(cluster.namespace(), "romeo"));

        await().atMost(PATIENCE).until(() -> "Loja Nova".equals(cluster.pushName("romeo")));
        assertThat(pods.stateReads("sierra")).as("a session nobody notified is not asked").isEqualTo(sierraReads);
    }

    @Test
    void everyPodIsAskedOnceTheLostListeningConnectionIsBack() throws SQLException {
        connect(cluster, pods, "tango", "5511933330000");
        StateChannel.awaitListening();

        pods.state("tango", SessionStates.connected("tango", "5511933330000", "Loja Perdida"));
        try (Connection admin = StateChannel.adminConnection(); Statement statement = admin.createStatement()) {
            // the notification the pod sent while the operator was not listening is the one that never arrives
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = '" + StateChannel.LISTENER + "'");
        }

        await().atMost(PATIENCE).until(() -> "Loja Perdida".equals(cluster.pushName("tango")));
    }

    /** The pod's state reads once the reconciles its connection woke have all asked it (none for 2 s). */
    private static int settledReads(SessionPodStub pods, String name) {
        AtomicInteger seen = new AtomicInteger(-1);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> seen.getAndSet(pods.stateReads(name)) == pods.stateReads(name));
        return pods.stateReads(name);
    }

    private static void connect(OperatorCluster cluster, SessionPodStub pods, String name, String phone) {
        pods.state(name, SessionStates.connected(name, phone));
        cluster.create(name, spec -> { });
        cluster.podReady(name);
        await().atMost(PATIENCE).until(() -> "Loja".equals(cluster.pushName(name)));
    }
}
