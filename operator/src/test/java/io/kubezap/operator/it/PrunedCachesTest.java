package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.Informable;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.reconciler.SessionLogout;
import io.kubezap.operator.reconciler.WhatsAppSessionReconciler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 50, part 3: the operator's informers hold sessions and StatefulSets without what the API server and
 * deployment tools keep for themselves (other writers' managedFields, kubectl's copy of the manifest, Argo CD's
 * annotations), and with everything the operator reads.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class PrunedCachesTest {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final String TRACKING_ID = "argocd.argoproj.io/tracking-id";

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void aSessionAppliedByToolsIsCachedWithoutTheirCopiesAndWithWhatTheOperatorReads() {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName("pruned-01").withNamespace(cluster.namespace())
                .withAnnotations(Map.of(LAST_APPLIED, "{\"kind\":\"WhatsAppSession\",\"spec\":{\"displayName\":\"Loja\"}}",
                        TRACKING_ID, "lojas:kubezap.io/WhatsAppSession:ns/pruned-01",
                        SessionLogout.SKIP_LOGOUT_ANNOTATION, "true"))
                .withManagedFields(entry("argocd-controller", "Apply"), entry("kubectl-client-side-apply", "Update"))
                .build());
        session.getSpec().setDisplayName("Loja");
        client.resource(session).create();

        await().atMost(PATIENCE).until(() -> cluster.statefulSet("pruned-01") != null);

        WhatsAppSession cached = controller().getEventSourceManager().getControllerEventSource()
                .get(new ResourceID("pruned-01", cluster.namespace())).orElseThrow();
        assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys(SessionLogout.SKIP_LOGOUT_ANNOTATION);
        assertThat(cached.getMetadata().getManagedFields()).isEmpty();
        assertThat(cached.getSpec().getDisplayName()).isEqualTo("Loja");
    }

    @Test
    void aStatefulSetIsCachedWithTheOperatorsOwnApplyEntryOnly() {
        cluster.create("pruned-02", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("pruned-02") != null);

        StatefulSet stored = cluster.statefulSet("pruned-02");
        stored.getMetadata().setManagedFields(List.of(entry(WhatsAppSessionReconciler.NAME, "Apply"),
                entry("kube-controller-manager", "Update")));
        String written = client.resource(stored).update().getMetadata().getResourceVersion();

        await().atMost(PATIENCE).until(() -> cachedStatefulSet("pruned-02")
                .filter(cached -> Long.parseLong(cached.getMetadata().getResourceVersion()) >= Long.parseLong(written))
                .isPresent());
        assertThat(cachedStatefulSet("pruned-02").orElseThrow().getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager).containsExactly(WhatsAppSessionReconciler.NAME);
    }

    /**
     * Every informer the operator keeps (the sessions', each dependent's, each event source's) lists in pages of
     * {@link ListPages#SIZE}, at start and after a watch expired: none asks for 10,000 sessions, StatefulSets or Secrets
     * in one answer. (That fabric8's informer follows the pages is PagedListsTest's, in system-tests.)
     */
    @Test
    void everyInformerListsInPages() {
        Map<String, Long> limits = controller().getEventSourceManager().allEventSources().stream()
                .filter(ManagedInformerEventSource.class::isInstance).map(ManagedInformerEventSource.class::cast)
                .collect(Collectors.toMap(source -> source.name() + " (" + source.resourceType().getSimpleName() + ")",
                        source -> Objects.requireNonNullElse(
                                ((Informable<?>) source.configuration()).getInformerConfig().getInformerListLimit(), 0L)));
        assertThat(limits.keySet()).as("informers").anyMatch(name -> name.endsWith("(WhatsAppSession)"))
                .anyMatch(name -> name.endsWith("(StatefulSet)")).anyMatch(name -> name.endsWith("(Secret)"));
        assertThat(limits).allSatisfy((informer, limit) -> assertThat(limit).as(informer).isEqualTo(ListPages.SIZE));
    }

    private static ManagedFieldsEntry entry(String manager, String operation) {
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation)
                .withApiVersion("v1").withFieldsType("FieldsV1").withTime("2026-11-25T10:00:00Z").build();
    }

    @SuppressWarnings("unchecked")
    private Optional<StatefulSet> cachedStatefulSet(String name) {
        var informer = (InformerEventSource<StatefulSet, WhatsAppSession>) controller().getEventSourceManager()
                .getEventSourcesFor(StatefulSet.class).getFirst();
        return informer.get(new ResourceID(name, cluster.namespace()));
    }

    @SuppressWarnings("unchecked")
    private Controller<WhatsAppSession> controller() {
        return (Controller<WhatsAppSession>) operator.getRegisteredController(WhatsAppSessionReconciler.NAME).orElseThrow();
    }
}
