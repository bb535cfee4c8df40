package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.DataOnDelete;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 35, item 6: a session named like objects it does not own (a Bitnami PostgreSQL release called
 * {@code postgresql}: its StatefulSet, Service, pod and data claim; a Secret someone else wrote) neither adopts nor
 * changes them, says so (condition and Warning Event {@code ForeignObject}), and deleting the session with
 * {@code dataOnDelete: Delete} scales nothing down and deletes no claim of theirs.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class ForeignObjectsTest {

    private static final Map<String, String> BITNAMI = Map.of("app.kubernetes.io/name", "postgresql",
            "app.kubernetes.io/instance", "shop-db", "app.kubernetes.io/managed-by", "Helm");

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void aSessionNamedLikeAnotherReleasesPostgresqlNeitherAdoptsNorDeletesItsObjects() {
        StatefulSet statefulSet = client.resource(new StatefulSetBuilder().withNewMetadata().withName("postgresql")
                .withLabels(BITNAMI).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("postgresql")
                .withNewSelector().withMatchLabels(BITNAMI).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(BITNAMI).endMetadata()
                .withNewSpec().addNewContainer().withName("postgresql").withImage("bitnami/postgresql").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        Service service = client.resource(new ServiceBuilder().withNewMetadata().withName("postgresql")
                .withLabels(BITNAMI).endMetadata()
                .withNewSpec().withSelector(BITNAMI).addNewPort().withPort(5432).endPort().endSpec().build()).create();
        PersistentVolumeClaim claim = client.resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data-postgresql-0").withLabels(BITNAMI).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("8Gi")).endResources().endSpec().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("postgresql-0").withLabels(BITNAMI).endMetadata()
                .withNewSpec().addNewContainer().withName("postgresql").withImage("bitnami/postgresql").endContainer()
                .endSpec().build()).create();

        cluster.create("postgresql", spec -> {
            spec.setLogoutOnDelete(false);
            spec.setDataOnDelete(DataOnDelete.Delete);
        });

        await().atMost(PATIENCE).until(() -> cluster.eventReasons("postgresql").contains("ForeignObject"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("postgresql"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("ForeignObject")));
        assertThat(cluster.eventMessages("postgresql", "ForeignObject")).first().asString()
                .contains("postgresql").contains("not owned by this session");
        assertUntouched(statefulSet, client.apps().statefulSets().withName("postgresql").get());
        assertUntouched(service, client.services().withName("postgresql").get());

        cluster.delete("postgresql");
        await().atMost(PATIENCE).until(() -> cluster.session("postgresql") == null);

        assertThat(client.apps().statefulSets().withName("postgresql").get().getSpec().getReplicas())
                .as("their database still runs").isEqualTo(1);
        assertUntouched(statefulSet, client.apps().statefulSets().withName("postgresql").get());
        assertThat(client.persistentVolumeClaims().withName("data-postgresql-0").get()).as("their data is kept")
                .isNotNull()
                .satisfies(kept -> assertThat(kept.getMetadata().getUid()).isEqualTo(claim.getMetadata().getUid()));
        assertThat(client.pods().withName("postgresql-0").get()).isNotNull();
        assertUntouched(service, client.services().withName("postgresql").get());
    }

    @Test
    void aSecretOfTheSameNameThatTheSessionDoesNotOwnIsNeitherAdoptedNorRewritten() {
        Secret foreign = client.resource(new SecretBuilder().withNewMetadata().withName("papa-database").endMetadata()
                .withStringData(Map.of("jdbc-uri", "jdbc:postgresql://their-db/app", "password", "theirs")).build()).create();

        cluster.create("papa", spec -> spec.setLogoutOnDelete(false));

        await().atMost(PATIENCE).until(() -> cluster.eventReasons("papa").contains("ForeignObject"));
        assertThat(cluster.eventMessages("papa", "ForeignObject")).first().asString().contains("papa-database");
        assertUntouched(foreign, client.secrets().withName("papa-database").get());
        assertThat(cluster.statefulSet("papa")).as("no pod on credentials that are not its own").isNull();
    }

    private static void assertUntouched(HasMetadata before, HasMetadata now) {
        assertThat(now).isNotNull();
        assertThat(now.getMetadata().getOwnerReferences()).as("not adopted").isNullOrEmpty();
        assertThat(now.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
        assertThat(now.getMetadata().getResourceVersion()).as("not changed").isEqualTo(before.getMetadata().getResourceVersion());
    }

    private Optional<Condition> readyCondition(String name) {
        return Optional.ofNullable(cluster.session(name).getStatus()).flatMap(status -> status.condition("Ready"));
    }
}
