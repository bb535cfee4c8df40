package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubezap.api.v1alpha1.DataOnDelete;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.SendRateLimit;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.PairingMethod;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.Sql;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.model.PodTemplateHash;
import io.kubezap.operator.workflow.ApiKeySecretDependent;
import io.kubezap.operator.workflow.ReferencedSecrets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The operator against the fabric8 mock API server (CRUD mode) and a stubbed session pod REST API. The CRD is not
 * registered with the mock server on purpose: with SSA off the status is written as a JSON patch computed against an
 * initialised (empty) status, which only applies when the stored resource carries that status too.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class WhatsAppSessionOperatorTest {

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer mockServer;

    @TestHTTPResource(value = "metrics", management = true)
    URI metrics;

    @TestHTTPResource(value = "health/ready", management = true)
    URI ready;

    private static final String PASSWORD = "s3cret";

    private OperatorCluster cluster;
    private SessionPodStub pod;

    @BeforeEach
    void setUp() {
        cluster = new OperatorCluster(client);
        cluster.databaseSecret(PASSWORD);
        pod = SessionPodStubResource.stub();
    }

    @Test
    void createsApiKeySecretStatefulSetAndServiceOwnedByTheSession() {
        client.resource(new SecretBuilder().withNewMetadata().withName("hooks")
                .withLabels(Map.of(ReferencedSecrets.LABEL, "true")).endMetadata()
                .withStringData(Map.of("hmac", "very-secret-signing-key")).build()).create();
        cluster.create("alpha", spec -> {
            spec.setStorage(storage("2Gi", true));
            spec.setWebhooks(List.of(new Webhook("https://hooks.example.com/wa", List.of("message.received"),
                    new SecretKeyRef("hooks", "hmac"))));
        });

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(cluster.secret("alpha-api-key")).isNotNull();
            assertThat(cluster.secret("alpha-database")).isNotNull();
            assertThat(cluster.statefulSet("alpha")).isNotNull();
            assertThat(service("kubezap-sessions")).isNotNull();
        });
        String uid = cluster.session("alpha").getMetadata().getUid();
        Secret apiKey = cluster.secret("alpha-api-key");
        StatefulSet statefulSet = cluster.statefulSet("alpha");
        assertThat(service("alpha")).as("no Service of its own: its pod answers under the namespace's headless one").isNull();
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo("kubezap-sessions");
        for (var owned : List.of(apiKey, cluster.secret("alpha-database"), statefulSet)) {
            assertThat(owned.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(uid));
            assertThat(owned.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "alpha")
                    .containsEntry("app.kubernetes.io/managed-by", "kubezap-operator");
        }
        assertThat(ApiKeySecretDependent.apiKey(apiKey)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(1);
        assertThat(statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
                .get("storage").toString()).isEqualTo("2Gi");
        assertThat(client.getKubernetesSerialization().asJson(statefulSet)).doesNotContain("very-secret-signing-key");
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("alpha").contains("PodCreated"));

        String key = ApiKeySecretDependent.apiKey(apiKey);
        cluster.editSpec("alpha", spec -> spec.setDisplayName("Loja Centro"));
        await().atMost(PATIENCE).until(() -> observedGeneration("alpha") == 2L);
        assertThat(ApiKeySecretDependent.apiKey(cluster.secret("alpha-api-key"))).isEqualTo(key);

        // the operator keeps polling (the pod is not ready), but an unchanged spec and state write nothing
        String statefulSetVersion = cluster.statefulSet("alpha").getMetadata().getResourceVersion();
        String sessionVersion = cluster.session("alpha").getMetadata().getResourceVersion();
        String databaseVersion = cluster.secret("alpha-database").getMetadata().getResourceVersion();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                statefulSetVersion.equals(cluster.statefulSet("alpha").getMetadata().getResourceVersion())
                        && databaseVersion.equals(cluster.secret("alpha-database").getMetadata().getResourceVersion())
                        && sessionVersion.equals(cluster.session("alpha").getMetadata().getResourceVersion()));
    }

    @Test
    void statusFollowsThePodFromStartingThroughQrToConnected() throws Exception {
        pod.state("bravo", SessionStates.starting("bravo"));
        cluster.create("bravo", spec -> { });
        await().atMost(PATIENCE).until(() -> phase("bravo") == SessionPhase.Pending);
        assertThat(condition("bravo", "PodReady").getReason()).isEqualTo("PodNotReady");

        cluster.podReady("bravo");
        await().atMost(PATIENCE).until(() -> phase("bravo") == SessionPhase.Starting);
        WhatsAppSessionStatus starting = cluster.session("bravo").getStatus();
        assertThat(starting.getEndpoint()).isEqualTo("http://bravo-0.kubezap-sessions." + cluster.namespace() + ".svc:8080");
        assertThat(starting.getApiKeySecret()).isEqualTo("bravo-api-key");
        assertThat(condition("bravo", "PodReady").getStatus()).isEqualTo("True");
        assertThat(condition("bravo", "Connected").getStatus()).isEqualTo("False");
        assertThat(pod.authorization("bravo"))
                .isEqualTo("Bearer " + ApiKeySecretDependent.apiKey(cluster.secret("bravo-api-key")));

        pod.state("bravo", SessionStates.waitingForQr("bravo", "2@qr-code", Instant.now().plusSeconds(60)));
        await().atMost(PATIENCE).until(() -> phase("bravo") == SessionPhase.WaitingForQR);
        // the code is in the Secret (edit, admin read it) and, by default, in the status with its expiry
        assertThat(cluster.pairingSecret("bravo", "qr")).isEqualTo("2@qr-code");
        await().atMost(PATIENCE).until(() -> cluster.session("bravo").getStatus().getQr() != null);
        assertThat(cluster.session("bravo").getStatus().getQr().code()).isEqualTo("2@qr-code");
        assertThat(cluster.session("bravo").getStatus().getQr().expiresAt())
                .isEqualTo(cluster.session("bravo").getStatus().getPairing().expiresAt()).isAfter(Instant.now());
        Secret pairing = cluster.secret("bravo-pairing");
        assertThat(pairing.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("bravo"));
        assertThat(cluster.session("bravo").getStatus().getPairing().secretName()).isEqualTo("bravo-pairing");
        assertThat(cluster.session("bravo").getStatus().getPairing().method()).isEqualTo(PairingMethod.QR);
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("bravo").contains("QRIssued"));
        assertThat(Serialization.asJson(client.v1().events().inNamespace(cluster.namespace()).list()))
                .doesNotContain("2@qr-code");

        pod.state("bravo", SessionStates.waitingForQr("bravo", "2@rotated", Instant.now().plusSeconds(80)));
        await().atMost(PATIENCE).until(() -> "2@rotated".equals(cluster.pairingSecret("bravo", "qr")));
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> "2@rotated".equals(cluster.session("bravo").getStatus().getQr().code()));

        pod.state("bravo", SessionStates.connected("bravo", "5511999999999"));
        await().atMost(PATIENCE).until(() -> phase("bravo") == SessionPhase.Connected);
        WhatsAppSessionStatus connected = cluster.session("bravo").getStatus();
        assertThat(connected.getPairing()).isNull();
        assertThat(connected.getQr()).isNull();
        await().atMost(PATIENCE).until(() -> cluster.secret("bravo-pairing") == null);
        assertThat(connected.getAccount().phoneNumber()).isEqualTo("5511999999999");
        assertThat(connected.getAccount().pushName()).isEqualTo("Loja");
        assertThat(connected.getReconnects()).isEqualTo(2);
        assertThat(condition("bravo", "Ready").getStatus()).isEqualTo("True");
        assertThat(condition("bravo", "Paired").getStatus()).isEqualTo("True");
        assertThat(condition("bravo", "PodReady").getLastTransitionTime())
                .isEqualTo(starting.condition("PodReady").orElseThrow().getLastTransitionTime());
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("bravo").containsAll(List.of("Paired", "Connected")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(metrics))
                .contains("kubezap_sessions{phase=\"Connected\"}").contains("operator_sdk_"));
        assertThat(get(ready)).contains("\"status\": \"UP\"");

        // the account's push name changes while connected (a rename on the phone): only the account moves
        pod.state("bravo", SessionStates.connected("bravo", "5511999999999", "Loja do Centro"));
        await().atMost(PATIENCE).until(() -> cluster.session("bravo").getStatus().getAccount().pushName(),
                "Loja do Centro"::equals);
        assertThat(phase("bravo")).isEqualTo(SessionPhase.Connected);

        pod.down("bravo");
        await().atMost(PATIENCE).until(() -> "False".equals(condition("bravo", "PodReady").getStatus()));
        assertThat(condition("bravo", "PodReady").getReason()).isEqualTo("SessionApiUnreachable");
        assertThat(condition("bravo", "Connected").getStatus()).isNotEqualTo("True");
        assertThat(condition("bravo", "Ready").getStatus()).isEqualTo("False");
        assertThat(phase("bravo")).isNotEqualTo(SessionPhase.Connected);
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("bravo").contains("Disconnected"));
    }

    @Test
    void aKeyStoreRepairThePodReportsIsOneWarningEventAndKeyStoreHealthyFalse() {
        pod.state("keystore-repaired", SessionStates.connectedAfterAKeyStoreRepair("keystore-repaired", "5511999999999", "Loja"));
        cluster.create("keystore-repaired", spec -> { });
        cluster.podReady("keystore-repaired");

        await().atMost(PATIENCE).until(() -> phase("keystore-repaired") == SessionPhase.Connected);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(condition("keystore-repaired", "KeyStoreHealthy"))
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("KeyStoreRestored");
                    assertThat(c.getMessage()).contains("keys.proto could not be read");
                }));
        assertThat(condition("keystore-repaired", "Ready").getStatus()).isEqualTo("True");
        await().atMost(PATIENCE).until(() -> cluster.eventMessages("keystore-repaired", "KeyStoreRestored").size() == 1);

        pod.state("keystore-repaired", SessionStates.connectedAfterAKeyStoreRepair("keystore-repaired", "5511999999999", "Loja do Centro"));
        await().atMost(PATIENCE).until(() -> cluster.session("keystore-repaired").getStatus().getAccount().pushName(),
                "Loja do Centro"::equals);
        assertThat(cluster.eventMessages("keystore-repaired", "KeyStoreRestored")).as("the same repair seen again").hasSize(1);

        pod.state("keystore-repaired", SessionStates.connected("keystore-repaired", "5511999999999"));
        await().atMost(PATIENCE).until(() -> "True".equals(condition("keystore-repaired", "KeyStoreHealthy").getStatus()));
    }

    @Test
    void metricsCountReconcilesPerControllerWithoutASeriesPerSession() throws Exception {
        cluster.create("tango", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("tango") != null);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(series(get(metrics)))
                .anyMatch(line -> line.startsWith("operator_sdk_reconciliations_started_total{")
                        && line.contains("kind=\"WhatsAppSession\"")));
        assertThat(series(get(metrics))).as("series labelled with the session's name")
                .filteredOn(line -> line.contains("=\"tango\"")).isEmpty();
    }

    /** The samples of a Prometheus text exposition, without its HELP and TYPE comments. */
    private static List<String> series(String exposition) {
        return exposition.lines().filter(line -> !line.startsWith("#")).toList();
    }

    @Test
    void aPhaseOutsideTheContractIsReportedNotGuessed() {
        pod.state("quebec", SessionStates.starting("quebec").replace("\"Starting\"", "\"Dancing\""));
        cluster.create("quebec", spec -> { });
        cluster.podReady("quebec");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("quebec"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("UnknownSessionPhase")));
        assertThat(condition("quebec", "Ready").getMessage()).contains("Dancing");
        assertThat(phase("quebec")).isEqualTo(SessionPhase.Pending);
    }

    @Test
    void specChangeRollsThePodAndSuspendScalesToZero() {
        cluster.create("charlie", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("charlie") != null);
        String before = configHash("charlie");

        cluster.editSpec("charlie", spec -> spec.setSendRateLimit(new SendRateLimit(5)));
        await().atMost(PATIENCE).until(() -> !configHash("charlie").equals(before));
        assertThat(env(cluster.statefulSet("charlie"), "KUBEZAP_SEND_RATE_PER_MINUTE")).isEqualTo("5");

        cluster.editSpec("charlie", spec -> spec.setSuspend(true));
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("charlie").getSpec().getReplicas() == 0);
        await().atMost(PATIENCE).until(() -> phase("charlie") == SessionPhase.Suspended);
        assertThat(condition("charlie", "Ready").getReason()).isEqualTo("Suspended");
    }

    @Test
    void aTenantsAllowPrivateUrlsIsIgnoredAndSaidSo() {
        cluster.create("private-urls", spec -> {
            var media = new io.kubezap.api.v1alpha1.Media();
            media.setAllowPrivateUrls(true);
            spec.setMedia(media);
        });

        await().atMost(PATIENCE).until(() -> cluster.statefulSet("private-urls") != null);
        assertThat(cluster.statefulSet("private-urls").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .extracting(io.fabric8.kubernetes.api.model.EnvVar::getName)
                .as("what reaches the pod").doesNotContain("KUBEZAP_MEDIA_ALLOW_PRIVATE_URLS");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.session("private-urls").getStatus().condition("SpecFieldsIgnored"))
                .hasValueSatisfying(ignored -> {
                    assertThat(ignored.getStatus()).isEqualTo("True");
                    assertThat(ignored.getMessage()).contains("spec.media.allowPrivateUrls");
                }));
    }

    @Test
    void aLargerStorageSizeExpandsTheExistingClaimWhenItsClassAllowsIt() {
        for (var storageClass : List.of(
                new StorageClassBuilder().withNewMetadata().withName("expandable").endMetadata()
                        .withProvisioner("csi.example.com").withAllowVolumeExpansion(true).build(),
                new StorageClassBuilder().withNewMetadata().withName("fixed").endMetadata()
                        .withProvisioner("csi.example.com").withAllowVolumeExpansion(false).build())) {
            client.resource(storageClass).createOr(NonDeletingOperation::update);
        }
        cluster.create("mike", spec -> spec.setStorage(storage("1Gi", "expandable")));
        cluster.create("november", spec -> spec.setStorage(storage("1Gi", "fixed")));
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("mike") != null && cluster.statefulSet("november") != null);
        // what the StatefulSet controller does for the pod: a claim from the template
        claimFromTemplate("mike");
        claimFromTemplate("november");

        cluster.editSpec("mike", spec -> spec.getStorage().setSize("2Gi"));
        cluster.editSpec("november", spec -> spec.getStorage().setSize("2Gi"));

        await().atMost(PATIENCE).until(() -> "2Gi".equals(claimSize("mike")));
        assertThat(cluster.statefulSet("mike").getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources()
                .getRequests().get("storage").toString()).as("the immutable template is left alone").isEqualTo("1Gi");
        await().atMost(PATIENCE).until(() -> cluster.session("november").getStatus().condition("StorageResized")
                .map(c -> "False".equals(c.getStatus()) && "StorageExpansionUnsupported".equals(c.getReason()))
                .orElse(false));
        assertThat(claimSize("november")).isEqualTo("1Gi");
        assertThat(cluster.eventReasons("mike")).contains("StorageExpanded");
    }

    private void claimFromTemplate(String session) {
        var template = cluster.statefulSet(session).getSpec().getVolumeClaimTemplates().getFirst();
        client.resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-" + session + "-0").withLabels(template.getMetadata().getLabels())
                .endMetadata()
                .withSpec(template.getSpec())
                .build()).create();
    }

    private String claimSize(String session) {
        return client.persistentVolumeClaims().withName("data-" + session + "-0").get()
                .getSpec().getResources().getRequests().get("storage").toString();
    }

    private static Storage storage(String size, String storageClass) {
        Storage storage = new Storage();
        storage.setSize(size);
        storage.setStorageClassName(storageClass);
        return storage;
    }

    @Test
    void deletionLogsTheDeviceOutFirst() {
        connectedSessionThatLogsOutOnDelete("delta");
        assertThat(cluster.session("delta").getMetadata().getFinalizers()).isNotEmpty();

        cluster.delete("delta");
        await().atMost(PATIENCE).until(() -> cluster.session("delta") == null);
        assertThat(pod.logouts()).contains("delta");
    }

    @Test
    void skipLogoutAnnotationDeletesAtOnceWithoutLoggingOut() {
        connectedSessionThatLogsOutOnDelete("juliet");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            client.resources(WhatsAppSession.class).inNamespace(cluster.namespace()).withName("juliet")
                    .edit(s -> {
                        s.getMetadata().setAnnotations(Map.of("kubezap.io/skip-logout", "true"));
                        return s;
                    });
            return true;
        });

        cluster.delete("juliet");
        await().atMost(PATIENCE).until(() -> cluster.session("juliet") == null);
        assertThat(pod.logouts()).doesNotContain("juliet");
        assertThat(cluster.eventReasons("juliet")).contains("LogoutSkipped");
    }

    @Test
    void deletionDoesNotWaitForeverForADeadPod() {
        connectedSessionThatLogsOutOnDelete("echo");

        pod.down("echo");
        cluster.delete("echo");
        await().atMost(PATIENCE).until(() -> cluster.session("echo") == null);
        assertThat(pod.logouts()).doesNotContain("echo");
        assertThat(cluster.eventReasons("echo")).contains("LogoutSkipped");
    }

    @Test
    void aCrashingPodIsExplainedInPodReady() {
        cluster.create("golf", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("golf") != null);
        cluster.podsCreated("golf");

        client.resource(new PodBuilder().withNewMetadata().withName("golf-0").endMetadata()
                .withNewSpec().addNewContainer().withName("session").withImage("session-pod").endContainer().endSpec()
                .build()).create();
        client.pods().inNamespace(cluster.namespace()).withName("golf-0").editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder().addNewContainerStatus().withName("session").withNewState()
                    .withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 10s").endWaiting()
                    .endState().endContainerStatus().build());
            return pod;
        });

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(condition("golf", "PodReady").getReason())
                .isEqualTo("CrashLoopBackOff"));
        assertThat(condition("golf", "PodReady").getMessage()).contains("back-off 10s");
    }

    /**
     * Issue 53 item 14. The mock API server runs no StatefulSet controller, and its CRUD mode matches no field
     * selector but a name's: the test plays the controller when a ResourceQuota refuses the pod (a revision in the
     * StatefulSet's status, no pod) and answers the operator's one Event query — the StatefulSet's FailedCreate Events,
     * selected by the API server — with the Event Kubernetes records. The operator must say so in the session's
     * conditions and a Warning Event of its own.
     */
    @Test
    void aPodTheQuotaRefusesIsExplainedInPodReadyAndAWarningEvent() {
        mockServer.expect().get().withPath("/api/v1/namespaces/" + cluster.namespace() + "/events?fieldSelector="
                        + "involvedObject.kind%3DStatefulSet%2CinvolvedObject.name%3Dwhiskey%2Creason%3DFailedCreate")
                .andReturn(200, new EventListBuilder().addNewItem()
                        .withNewMetadata().withName("whiskey.187a2c").withNamespace(cluster.namespace()).endMetadata()
                        .withNewInvolvedObject().withKind("StatefulSet").withApiVersion("apps/v1").withName("whiskey")
                        .withNamespace(cluster.namespace()).endInvolvedObject()
                        .withType("Warning").withReason("FailedCreate").withLastTimestamp("2026-11-25T10:00:00Z")
                        .withMessage("create Pod whiskey-0 in StatefulSet whiskey failed error: pods \"whiskey-0\" is "
                                + "forbidden: exceeded quota: compute, requested: limits.memory=1Gi, used: "
                                + "limits.memory=4Gi, limited: limits.memory=4Gi")
                        .endItem().build())
                .always();
        cluster.create("whiskey", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("whiskey") != null);
        cluster.podsCreated("whiskey");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(condition("whiskey", "PodReady").getReason())
                .isEqualTo("PodCreationFailed"));
        assertThat(condition("whiskey", "Ready").getMessage()).contains("whiskey-0", "exceeded quota: compute");
        assertThat(phase("whiskey")).isEqualTo(SessionPhase.Pending);
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("whiskey").contains("PodCreationFailed"));
    }

    @Test
    void aNewSessionsPodIsNotAskedForBeforeItsStatefulSetReportsARevision() {
        RequestLog log = new RequestLog(mockServer).start();
        cluster.create("victor", spec -> { });
        await().atMost(PATIENCE).until(() -> phase("victor") == SessionPhase.Pending);

        assertThat(log.requests()).noneMatch(request -> request.startsWith("GET ") && request.contains("/pods/victor-0"));
    }

    @Test
    void missingWebhookSecretIsReportedAndRetriedUntilItAppears() throws Exception {
        cluster.create("foxtrot", spec -> spec.setWebhooks(List.of(new Webhook("https://hooks.example.com/f",
                List.of(), new SecretKeyRef("foxtrot-hooks", "hmac")))));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("foxtrot"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("WebhookSecretMissing")));
        assertThat(condition("foxtrot", "Ready").getMessage()).contains("foxtrot-hooks/hmac");
        assertThat(cluster.eventReasons("foxtrot")).contains("WebhookSecretMissing");
        assertThat(series(get(metrics))).as("the tenant's to fix: not counted against the platform")
                .anyMatch(line -> line.startsWith("kubezap_operator_reconcile_errors_total{")
                        && line.contains("fault=\"tenant\"") && line.contains("reason=\"WebhookSecretMissing\""))
                .noneMatch(line -> line.startsWith("kubezap_operator_reconcile_errors_total{")
                        && line.contains("fault=\"platform\"") && line.contains("reason=\"WebhookSecretMissing\""));

        client.resource(new SecretBuilder().withNewMetadata().withName("foxtrot-hooks")
                .withLabels(Map.of(ReferencedSecrets.LABEL, "true")).endMetadata()
                .withStringData(Map.of("hmac", "k")).build()).create();
        await().atMost(PATIENCE).until(() -> !"WebhookSecretMissing".equals(condition("foxtrot", "Ready").getReason()));
    }

    @Test
    void aRotatedWebhookSigningSecretRollsThePod() {
        client.resource(new SecretBuilder().withNewMetadata().withName("uniform-hooks")
                .withLabels(Map.of(ReferencedSecrets.LABEL, "true")).endMetadata()
                .withStringData(Map.of("hmac", "first-key")).build()).create();
        cluster.create("uniform", spec -> spec.setWebhooks(List.of(new Webhook("https://hooks.example.com/u",
                List.of(), new SecretKeyRef("uniform-hooks", "hmac")))));
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("uniform") != null);
        String before = configHash("uniform");

        client.secrets().withName("uniform-hooks").edit(secret -> {
            secret.setStringData(Map.of("hmac", "second-key"));
            return secret;
        });

        await().atMost(PATIENCE).until(() -> !configHash("uniform").equals(before));
    }

    @Test
    void aWebhookSecretRefTypoLeavesTheRunningPodAndStatefulSetAsTheyAre() {
        client.resource(new SecretBuilder().withNewMetadata().withName("romeo-hooks")
                .withLabels(Map.of(ReferencedSecrets.LABEL, "true")).endMetadata()
                .withStringData(Map.of("hmac", "k")).build()).create();
        pod.state("romeo", SessionStates.connected("romeo", "5511977776666"));
        cluster.create("romeo", spec -> spec.setWebhooks(List.of(new Webhook("https://hooks.example.com/r",
                List.of(), new SecretKeyRef("romeo-hooks", "hmac")))));
        cluster.podReady("romeo");
        var running = client.resource(new PodBuilder().withNewMetadata().withName("romeo-0")
                .addToLabels("controller-revision-hash", "romeo-1").endMetadata()
                .withNewSpec().addNewContainer().withName("session").withImage("session-pod").endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
        await().atMost(PATIENCE).until(() -> phase("romeo") == SessionPhase.Connected);
        StatefulSet before = cluster.statefulSet("romeo");

        cluster.editSpec("romeo", spec -> spec.getWebhooks().getFirst().setSecretRef(new SecretKeyRef("romeo-hoks", "hmac")));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(condition("romeo", "Ready").getReason())
                .isEqualTo("WebhookSecretMissing"));
        assertThat(condition("romeo", "Ready").getStatus()).isEqualTo("False");
        assertThat(condition("romeo", "Ready").getMessage()).contains("romeo-hoks/hmac");
        assertThat(cluster.statefulSet("romeo").getMetadata().getResourceVersion())
                .as("the StatefulSet is not touched").isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(configHash("romeo")).isEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(PodTemplateHash.ANNOTATION));
        assertThat(client.pods().withName("romeo-0").get().getMetadata().getUid())
                .as("the running pod is not replaced").isEqualTo(running.getMetadata().getUid());
        assertThat(phase("romeo")).as("what was observed stays").isEqualTo(SessionPhase.Connected);
    }

    @Test
    void aPodStuckOnAnOldRevisionIsReplaced() {
        cluster.create("sierra", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("sierra") != null);
        // what the StatefulSet controller reports: a new revision, and the pod still on the old one, never ready
        client.resource(new PodBuilder().withNewMetadata().withName("sierra-0")
                .addToLabels("controller-revision-hash", "sierra-old").endMetadata()
                .withNewSpec().addNewContainer().withName("session").withImage("session-pod").endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("False").endCondition().endStatus()
                .build()).create();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.apps().statefulSets().withName("sierra").editStatus(s -> {
                s.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(0)
                        .withCurrentRevision("sierra-old").withUpdateRevision("sierra-new").build());
                return s;
            });
            return true;
        });

        await().atMost(PATIENCE).until(() -> client.pods().withName("sierra-0").get() == null);
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("sierra").contains("StuckPodReplaced"));
    }

    @Test
    void eachSessionGetsItsOwnDatabaseRoleInItsNamespaceNeverTheAdminCredential() throws SQLException {
        assertThat(cluster.namespace()).isNotEqualTo(cluster.databaseNamespace());
        cluster.create("hotel", spec -> { });

        await().atMost(PATIENCE).until(() -> cluster.secret("hotel-database") != null
                && cluster.statefulSet("hotel") != null);
        Secret own = cluster.secret("hotel-database");
        assertThat(own.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(cluster.session("hotel").getMetadata().getUid()));
        assertThat(own.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "hotel")
                .containsEntry("app.kubernetes.io/managed-by", "kubezap-operator");
        Map<String, String> credentials = decoded(own);
        String role = NamespaceRoles.roleName(cluster.namespace());
        assertThat(credentials).containsOnlyKeys("jdbc-uri", "username", "password", "token")
                .containsEntry("jdbc-uri", OperatorCluster.databaseUrl())
                .containsEntry("username", role);
        assertThat(credentials.get("password")).isNotEqualTo(PASSWORD).hasSizeGreaterThanOrEqualTo(32);
        assertThat(credentials.get("token")).hasSizeGreaterThanOrEqualTo(43);
        try (Connection session = MigratedDatabase.connect(role, credentials.get("password"))) {
            Sql.strings(session, "select set_config('kubezap.token', '" + credentials.get("token") + "', false)");
            assertThat(Sql.strings(session, "select namespace || '/' || session from kubezap_current_session()"))
                    .containsExactly(cluster.namespace() + "/hotel");
        }
        StatefulSet statefulSet = cluster.statefulSet("hotel");
        for (String variable : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "KUBEZAP_DATABASE_TOKEN")) {
            assertThat(secretRef(statefulSet, variable).getName()).isEqualTo("hotel-database");
        }
        String configHash = configHash("hotel");

        String pooled = OperatorCluster.databaseUrl() + "?prepareThreshold=0";
        cluster.databaseSecret("r0tated", Map.of("session-jdbc-uri", pooled));
        await().atMost(PATIENCE).until(() -> pooled.equals(decoded(cluster.secret("hotel-database")).get("jdbc-uri")));
        assertThat(decoded(cluster.secret("hotel-database")).get("password"))
                .as("the namespace's password is kept").isEqualTo(credentials.get("password"));
        assertThat(decoded(cluster.secret("hotel-database")).get("token"))
                .as("the session's token is kept").isEqualTo(credentials.get("token"));
        await().atMost(PATIENCE).until(() -> !configHash.equals(configHash("hotel")));
    }

    @Test
    void deletionWithDataOnDeleteDeleteStopsThePodThenRemovesTheSessionsRowsVolumeClaimAndRole() throws SQLException {
        sessionWithAMessage("juliett", DataOnDelete.Delete);
        runningPodWithItsClaim("juliett");
        claim("data-someone-else-0", Map.of());

        cluster.delete("juliett");
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("juliett").contains("StoppingPod"));
        assertThat(cluster.statefulSet("juliett").getSpec().getReplicas()).as("the pod is stopped first").isZero();
        assertThat(cluster.session("juliett")).as("waits for the pod to go").isNotNull();
        assertThat(client.persistentVolumeClaims().withName("data-juliett-0").get()).isNotNull();

        client.pods().withName("juliett-0").delete();
        await().atMost(PATIENCE).until(() -> cluster.session("juliett") == null);

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(Sql.strings(admin, "select id from messages where namespace = '"
                    + cluster.namespace() + "' and session = 'juliett'")).isEmpty();
            assertThat(tokenOf(admin, "juliett")).as("its token names it no more").isEmpty();
        }
        assertThat(client.persistentVolumeClaims().withName("data-juliett-0").get()).as("media files go").isNull();
        assertThat(client.persistentVolumeClaims().withName("data-someone-else-0").get()).isNotNull();
        assertThat(cluster.eventMessages("juliett", "DataDeleted")).singleElement().asString()
                .contains("removed 1 rows").contains("messages: 1")
                .contains("volume claim data-juliett-0 (WhatsApp keys and media files) deleted");
    }

    @Test
    void deletionKeepsTheRowsAndVolumeClaimByDefaultSaysWhereAndDropsTheRole() throws SQLException {
        sessionWithAMessage("kilo", null);
        runningPodWithItsClaim("kilo");

        cluster.delete("kilo");
        await().atMost(PATIENCE).until(() -> cluster.session("kilo") == null);

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(Sql.strings(admin, "select id from messages where namespace = '"
                    + cluster.namespace() + "' and session = 'kilo'")).containsExactly("kilo-1");
            assertThat(tokenOf(admin, "kilo")).as("its token names it no more").isEmpty();
        }
        assertThat(client.persistentVolumeClaims().withName("data-kilo-0").get()).isNotNull();
        assertThat(cluster.eventMessages("kilo", "DataRetained")).singleElement().asString()
                .contains(OperatorCluster.databaseUrl())
                .contains("namespace = '" + cluster.namespace() + "' and session = 'kilo'")
                .contains("its volume claim data-kilo-0 (WhatsApp keys and media files) is kept");
    }

    /** Plays the StatefulSet controller: the session's pod runs, on the claim made from the template. */
    private void runningPodWithItsClaim(String name) {
        await().atMost(PATIENCE).until(() -> cluster.statefulSet(name) != null);
        claim("data-" + name + "-0", cluster.statefulSet(name).getSpec().getVolumeClaimTemplates().getFirst()
                .getMetadata().getLabels());
        client.resource(new PodBuilder().withNewMetadata().withName(name + "-0")
                .withLabels(Map.of("app.kubernetes.io/instance", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("session").withImage("kubezap/session-pod").endContainer().endSpec()
                .build()).create();
    }

    /** A claim as the StatefulSet controller makes it from a claim template: its labels are the template's. */
    private void claim(String claimName, Map<String, String> labels) {
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(claimName).withLabels(labels)
                .endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build()).create();
    }

    @Test
    void theDatabaseSecretIsReadFromTheInformerCacheNotFetchedOnEveryReconcile() {
        cluster.create("oscar", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.secret("oscar-database") != null
                && cluster.statefulSet("oscar") != null);
        RequestLog log = new RequestLog(mockServer).start();

        for (int generation = 2; generation <= 6; generation++) {
            String label = "Oscar " + generation;
            cluster.editSpec("oscar", spec -> spec.setDisplayName(label));
            long expected = generation;
            await().atMost(PATIENCE).until(() -> observedGeneration("oscar") == expected);
        }

        String databaseSecret = "/api/v1/namespaces/" + cluster.databaseNamespace() + "/secrets/"
                + OperatorCluster.DATABASE_SECRET;
        assertThat(log.requests()).as("5 reconciles of a spec change").filteredOn(r -> r.startsWith("GET " + databaseSecret))
                .isEmpty();
        assertThat(decoded(cluster.secret("oscar-database"))).containsEntry("jdbc-uri", OperatorCluster.databaseUrl());
    }

    private List<String> tokenOf(Connection admin, String session) throws SQLException {
        return Sql.strings(admin, "select 1 from session_tokens where for_namespace = '" + cluster.namespace()
                + "' and for_session = '" + session + "'");
    }

    /** A session whose pod (its namespace's role, its token) stored one message. */
    private void sessionWithAMessage(String name, DataOnDelete dataOnDelete) throws SQLException {
        cluster.create(name, spec -> {
            spec.setLogoutOnDelete(false);
            spec.setDataOnDelete(dataOnDelete);
        });
        await().atMost(PATIENCE).until(() -> cluster.secret(name + "-database") != null);
        Map<String, String> credentials = decoded(cluster.secret(name + "-database"));
        try (Connection pod = TenantLogins.connect(credentials)) {
            Sql.insertMessage(pod, cluster.namespace(), name, name + "-1", "olá");
        }
    }

    @Test
    void missingDatabaseSecretIsReportedAndRetriedUntilItAppears() {
        cluster.deleteDatabaseSecret();
        cluster.create("india", spec -> { });

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("india"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("DatabaseSecretMissing")));
        assertThat(condition("india", "Ready").getStatus()).isEqualTo("False");
        assertThat(condition("india", "Ready").getMessage())
                .contains(cluster.databaseNamespace() + "/" + OperatorCluster.DATABASE_SECRET);
        await().atMost(PATIENCE).until(() -> cluster.eventReasons("india").contains("DatabaseSecretMissing"));
        assertThat(cluster.statefulSet("india")).as("no pod that could not start").isNull();

        cluster.databaseSecret(PASSWORD);
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("india") != null
                && cluster.secret("india-database") != null);
        await().atMost(PATIENCE).until(() -> !"DatabaseSecretMissing".equals(condition("india", "Ready").getReason()));
    }

    /** Empty until the operator wrote a status at all. */
    private java.util.Optional<Condition> readyCondition(String name) {
        return java.util.Optional.ofNullable(cluster.session(name).getStatus()).flatMap(status -> status.condition("Ready"));
    }

    private void connectedSessionThatLogsOutOnDelete(String name) {
        pod.state(name, SessionStates.connected(name, "5511988887777"));
        cluster.create(name, spec -> spec.setLogoutOnDelete(true));
        cluster.podReady(name);
        await().atMost(PATIENCE).until(() -> phase(name) == SessionPhase.Connected);
    }

    private static String get(URI uri) throws Exception {
        // HTTP/1.1 as Prometheus and the kubelet ask: the management interface mangled an h2c upgrade of /q/metrics once
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Storage storage(String size, boolean deleteClaim) {
        Storage storage = new Storage();
        storage.setSize(size);
        storage.setDeleteClaim(deleteClaim);
        return storage;
    }

    private Service service(String name) {
        return client.services().inNamespace(cluster.namespace()).withName(name).get();
    }

    private SessionPhase phase(String name) {
        WhatsAppSession session = cluster.session(name);
        return session == null || session.getStatus() == null ? null : session.getStatus().getPhase();
    }

    private long observedGeneration(String name) {
        var status = cluster.session(name).getStatus();
        return status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
    }

    private Condition condition(String name, String type) {
        return cluster.session(name).getStatus().condition(type).orElseThrow();
    }

    private String configHash(String name) {
        return cluster.statefulSet(name).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(PodTemplateHash.ANNOTATION);
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new TreeMap<>();
        secret.getData().forEach((key, value) -> values.put(key, new String(Base64.getDecoder().decode(value),
                StandardCharsets.UTF_8)));
        return values;
    }

    private static SecretKeySelector secretRef(StatefulSet statefulSet, String name) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).findFirst().orElseThrow().getValueFrom().getSecretKeyRef();
    }

    private static String env(StatefulSet statefulSet, String name) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
