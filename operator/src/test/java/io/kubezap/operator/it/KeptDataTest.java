package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.Sql;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.database.KeptData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 35, item 13: a session deleted with {@code dataOnDelete: Retain} leaves its rows (and claim); whoever creates
 * a session of the same name in the namespace later must not be handed them. The new session is refused (condition
 * and Warning Event {@code KeptDataOfAnotherSession}: no database role, no pod, the rows untouched, also when it is
 * deleted with {@code dataOnDelete: Delete}) until it names the old session's UID in {@value KeptData#ADOPT_ANNOTATION}.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class KeptDataTest {

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void aNewSessionOfAKeptSessionsNameIsNotHandedItsRowsUntilItAdoptsThemByUid() throws SQLException {
        String oldUid = sessionWithAMessage("quebec").getMetadata().getUid();
        cluster.delete("quebec");
        await().atMost(PATIENCE).until(() -> cluster.session("quebec") == null);
        collectGarbage("quebec");

        WhatsAppSession successor = sameName("quebec", io.kubezap.api.v1alpha1.DataOnDelete.Delete, Map.of());

        await().atMost(PATIENCE).until(() -> cluster.eventReasons("quebec").contains("KeptDataOfAnotherSession"));
        assertThat(cluster.eventMessages("quebec", "KeptDataOfAnotherSession")).first().asString()
                .contains(oldUid).contains(KeptData.ADOPT_ANNOTATION);
        assertThat(cluster.secret("quebec-database")).as("no credentials to the old rows").isNull();
        assertThat(cluster.statefulSet("quebec")).as("no pod on the old volume").isNull();

        client.resource(successor).delete();
        await().atMost(PATIENCE).until(() -> cluster.session("quebec") == null);
        assertThat(oldRows("quebec")).as("a refused session's dataOnDelete: Delete leaves the kept rows").containsExactly("quebec-1");

        sameName("quebec", null, Map.of(KeptData.ADOPT_ANNOTATION, oldUid));
        await().atMost(PATIENCE).until(() -> cluster.secret("quebec-database") != null);
        Map<String, String> credentials = decoded(cluster.secret("quebec-database").getData());
        try (Connection pod = TenantLogins.connect(credentials)) {
            assertThat(Sql.strings(pod, "select id from messages")).as("adopted on purpose").containsExactly("quebec-1");
        }
    }

    private WhatsAppSession sessionWithAMessage(String name) throws SQLException {
        WhatsAppSession session = cluster.create(name, spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> cluster.secret(name + "-database") != null);
        Map<String, String> credentials = decoded(cluster.secret(name + "-database").getData());
        try (Connection pod = TenantLogins.connect(credentials)) {
            Sql.insertMessage(pod, cluster.namespace(), name, name + "-1", "olá");
        }
        return session;
    }

    /** A new session object under a used name (OperatorCluster.create refuses that, rightly, for other tests). */
    private WhatsAppSession sameName(String name, io.kubezap.api.v1alpha1.DataOnDelete dataOnDelete, Map<String, String> annotations) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(cluster.namespace())
                .withAnnotations(annotations).build());
        session.getSpec().setLogoutOnDelete(false);
        session.getSpec().setDataOnDelete(dataOnDelete);
        return client.resource(session).create();
    }

    /** What the cluster's garbage collector does after a deletion, and the mock API server does not. */
    private void collectGarbage(String name) {
        client.secrets().withName(name + "-api-key").delete();
        client.secrets().withName(name + "-database").delete();
        client.services().withName(name).delete();
        client.apps().statefulSets().withName(name).delete();
        await().atMost(PATIENCE).until(() -> cluster.secret(name + "-api-key") == null && cluster.statefulSet(name) == null);
    }

    private java.util.List<String> oldRows(String name) throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            return Sql.strings(admin, "select id from messages where namespace = '" + cluster.namespace()
                    + "' and session = '" + name + "'");
        }
    }

    private static Map<String, String> decoded(Map<String, String> data) {
        Map<String, String> plain = new java.util.TreeMap<>();
        data.forEach((k, v) -> plain.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return plain;
    }
}
