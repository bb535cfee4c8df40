package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.Events;
import io.kubezap.api.v1alpha1.Pairing;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.StorageMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStatefulSetTest {

    private static final String DATABASE_DIGEST = "0123abcd";

    private final SessionStatefulSet pod = pod(Map.of("kubezap.session.image", "registry.local/session-pod:9",
            "kubezap.database.secret-name", "pg-app"));

    @Test
    void oneReplicaOwnedAndLabelledLikeItsSession() {
        StatefulSet statefulSet = render(TestSessions.session("loja-01"), DATABASE_DIGEST);

        assertThat(statefulSet.getMetadata().getName()).isEqualTo("loja-01");
        assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(statefulSet.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "kubezap-session", "app.kubernetes.io/instance", "loja-01",
                "app.kubernetes.io/managed-by", "kubezap-operator"));
        assertThat(statefulSet.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("WhatsAppSession");
            assertThat(owner.getUid()).isEqualTo("uid-loja-01");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(1);
        assertThat(statefulSet.getSpec().getSelector().getMatchLabels())
                .isEqualTo(statefulSet.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
                        .filter(e -> !e.getKey().equals("app.kubernetes.io/managed-by"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(container(statefulSet).getImage()).isEqualTo("registry.local/session-pod:9");
        assertThat(container(statefulSet).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    /**
     * The cluster autoscaler drains a node only when each pod's local volumes (emptyDir) are declared safe to lose: the
     * session pod's scratch /tmp is, its data is on the claim (which is not local storage and moves with the pod). The
     * pod sets no safe-to-evict: false, which would pin the node.
     */
    @Test
    void theClusterAutoscalerMayDrainASessionPodsNodeLosingOnlyItsScratchVolume() {
        var template = render(TestSessions.session("loja-01"), DATABASE_DIGEST).getSpec().getTemplate();

        var emptyDirs = template.getSpec().getVolumes().stream().filter(volume -> volume.getEmptyDir() != null)
                .map(io.fabric8.kubernetes.api.model.Volume::getName).toList();
        assertThat(emptyDirs).containsExactly("tmp");
        assertThat(template.getMetadata().getAnnotations())
                .containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes", "tmp")
                .doesNotContainKey("cluster-autoscaler.kubernetes.io/safe-to-evict");
        assertThat(template.getSpec().getVolumes()).noneMatch(volume -> volume.getHostPath() != null);
    }

    @Test
    void aBaileysSessionRunsTheImageWithNodeAndACobaltSessionTheOneWithout() {
        var images = pod(Map.of("kubezap.session.image", "registry.local/session-pod:9",
                "kubezap.session.baileys-image", "registry.local/session-pod-baileys:9"));
        WhatsAppSession session = TestSessions.session("loja-01");
        assertThat(container(render(images, session, DATABASE_DIGEST)).getImage()).isEqualTo("registry.local/session-pod:9");

        session.getSpec().setEngine(EngineKind.Baileys);
        StatefulSet baileys = render(images, session, DATABASE_DIGEST);

        assertThat(container(baileys).getImage()).isEqualTo("registry.local/session-pod-baileys:9");
        assertThat(container(baileys).getImagePullPolicy()).isEqualTo("IfNotPresent");
        session.getSpec().setEngine(EngineKind.Cobalt);
        assertThat(container(render(images, session, DATABASE_DIGEST)).getImage()).isEqualTo("registry.local/session-pod:9");
    }

    @Test
    void suspendedSessionHasNoReplica() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setSuspend(true);

        assertThat(render(session, DATABASE_DIGEST).getSpec().getReplicas()).isZero();
    }

    @Test
    void mediaSettingsReachThePodAsBytesAndOnlyWhenSet() {
        WhatsAppSession session = TestSessions.session("loja-01");
        List<EnvVar> defaults = container(render(session, DATABASE_DIGEST)).getEnv();
        assertThat(defaults).extracting(EnvVar::getName).noneMatch(name -> name.startsWith("KUBEZAP_MEDIA_"));

        var media = new io.kubezap.api.v1alpha1.Media();
        media.setAutoDownloadMaxSize("8Mi");
        media.setRetention("7d");
        media.setMaxStoreSize("1Gi");
        media.setAllowPrivateUrls(true);
        session.getSpec().setMedia(media);
        List<EnvVar> env = container(render(session, DATABASE_DIGEST)).getEnv();

        assertThat(value(env, "KUBEZAP_MEDIA_AUTO_DOWNLOAD_MAX")).isEqualTo("8388608");
        assertThat(value(env, "KUBEZAP_MEDIA_RETENTION")).isEqualTo("7d");
        assertThat(value(env, "KUBEZAP_MEDIA_STORE_MAX")).isEqualTo("1073741824");
    }

    @Test
    void aTenantCannotLetItsPodReachPrivateAddresses() {
        WhatsAppSession session = TestSessions.session("loja-01");
        var media = new io.kubezap.api.v1alpha1.Media();
        media.setAllowPrivateUrls(true);
        session.getSpec().setMedia(media);

        List<EnvVar> env = container(render(session, DATABASE_DIGEST)).getEnv();

        assertThat(env).extracting(EnvVar::getName).noneMatch(name -> name.startsWith("KUBEZAP_MEDIA_"));
    }

    @Test
    void theClusterAdminsAllowListReachesEveryPod() {
        var withList = pod(Map.of("kubezap.session.image", "s:1",
                "kubezap.session.media-url-allow-list", "10.20.0.0/16,files.internal.example"));

        List<EnvVar> env = container(render(withList, TestSessions.session("loja-01"), DATABASE_DIGEST)).getEnv();

        assertThat(value(env, "KUBEZAP_MEDIA_URL_ALLOW_LIST")).isEqualTo("10.20.0.0/16,files.internal.example");
    }

    @Test
    void callAndPresenceSettingsReachThePodOnlyWhenSet() {
        WhatsAppSession session = TestSessions.session("loja-01");
        assertThat(container(render(session, DATABASE_DIGEST)).getEnv()).extracting(EnvVar::getName)
                .noneMatch(name -> name.startsWith("KUBEZAP_CALLS_"));

        var autoReject = new io.kubezap.api.v1alpha1.Calls.AutoReject();
        autoReject.setEnabled(true);
        autoReject.setMessage("Não atendemos ligações; escreva, por favor.");
        var calls = new io.kubezap.api.v1alpha1.Calls();
        calls.setAutoReject(autoReject);
        session.getSpec().setCalls(calls);
        List<EnvVar> env = container(render(session, DATABASE_DIGEST)).getEnv();

        assertThat(value(env, "KUBEZAP_CALLS_AUTO_REJECT")).isEqualTo("true");
        assertThat(value(env, "KUBEZAP_CALLS_AUTO_REJECT_MESSAGE")).isEqualTo("Não atendemos ligações; escreva, por favor.");
        assertThat(env).extracting(EnvVar::getName).doesNotContain("KUBEZAP_PRESENCE_MARK_ONLINE_ON_CONNECT");

        var presence = new io.kubezap.api.v1alpha1.Presence();
        presence.setMarkOnlineOnConnect(true);
        session.getSpec().setPresence(presence);
        assertThat(value(container(render(session, DATABASE_DIGEST)).getEnv(), "KUBEZAP_PRESENCE_MARK_ONLINE_ON_CONNECT"))
                .isEqualTo("true");
    }

    @Test
    void environmentFollowsTheSessionPodContractWithSecretsByReference() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setPairing(new Pairing(PairingMethod.PairingCode, "5511999999999"));

        List<EnvVar> env = container(render(session, DATABASE_DIGEST)).getEnv();

        assertThat(value(env, "KUBEZAP_SESSION")).isEqualTo("loja-01");
        assertThat(value(env, "KUBEZAP_NAMESPACE")).isEqualTo("shop");
        assertThat(value(env, "KUBEZAP_DATA_DIR")).isEqualTo("/var/lib/kubezap");
        assertThat(value(env, "KUBEZAP_PAIRING_METHOD")).isEqualTo("PairingCode");
        assertThat(value(env, "KUBEZAP_PAIRING_PHONE")).isEqualTo("5511999999999");
        assertThat(value(env, "KUBEZAP_SEND_RATE_PER_MINUTE")).isEqualTo("30");
        assertThat(value(env, "KUBEZAP_WEBHOOKS_FILE")).isEqualTo("/etc/kubezap/webhooks/webhooks.json");
        assertThat(value(env, "QUARKUS_HTTP_PORT")).isEqualTo("8080");
        assertThat(secretRef(env, "KUBEZAP_API_KEY")).isEqualTo("loja-01-api-key/api-key");
        // the session's own copy of the database Secret: a secretKeyRef cannot leave the pod's namespace
        assertThat(secretRef(env, "QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("loja-01-database/jdbc-uri");
        assertThat(secretRef(env, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo("loja-01-database/username");
        assertThat(secretRef(env, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("loja-01-database/password");
    }

    @Test
    void theConnectionBudgetsPoolSizeReachesThePodWhenConfigured() {
        var budgeted = pod(Map.of(
                "kubezap.session.image", "registry.local/session-pod:9", "kubezap.session.database-pool-max", "2"));

        assertThat(value(container(render(budgeted, TestSessions.session("loja-01"), DATABASE_DIGEST)).getEnv(),
                "KUBEZAP_DATABASE_POOL_MAX")).isEqualTo("2");
        assertThat(container(render(TestSessions.session("loja-01"), DATABASE_DIGEST)).getEnv())
                .noneMatch(e -> e.getName().equals("KUBEZAP_DATABASE_POOL_MAX"));
    }

    @Test
    void qrPairingSetsNoPhone() {
        List<EnvVar> env = container(render(TestSessions.session("loja-01"), DATABASE_DIGEST)).getEnv();

        assertThat(value(env, "KUBEZAP_PAIRING_METHOD")).isEqualTo("QR");
        assertThat(env).noneMatch(e -> e.getName().equals("KUBEZAP_PAIRING_PHONE"));
    }

    @Test
    void podIsRestrictedAndWritesOnlyToItsVolumeAndTmp() {
        StatefulSet statefulSet = render(TestSessions.session("loja-01"), DATABASE_DIGEST);
        var pod = statefulSet.getSpec().getTemplate().getSpec();
        var container = container(statefulSet).getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container(statefulSet).getVolumeMounts())
                .extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : ""))
                .containsExactlyInAnyOrder("/var/lib/kubezap", "/tmp", "/etc/kubezap/webhooks:ro");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tmp"))
                .singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void probesHitTheQuarkusHealthEndpointsOnTheManagementPort() {
        Container container = container(render(TestSessions.session("loja-01"), DATABASE_DIGEST));

        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        assertThat(container.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactly("http=8080", "management=9000");
    }

    @Test
    void resourcesDefaultUnlessTheSpecSetsThem() {
        WhatsAppSession session = TestSessions.session("loja-01");
        assertThat(container(render(session, DATABASE_DIGEST)).getResources().getLimits())
                .containsEntry("memory", new Quantity("512Mi"));

        session.getSpec().setResources(new ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("1Gi")).build());
        assertThat(container(render(session, DATABASE_DIGEST)).getResources().getLimits())
                .containsExactlyEntriesOf(Map.of("memory", new Quantity("1Gi")));
    }

    @Test
    void claimTemplateAndRetentionFollowStorage() {
        WhatsAppSession session = TestSessions.session("loja-01");
        StatefulSet kept = render(session, DATABASE_DIGEST);
        assertThat(kept.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        assertThat(kept.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Gi"));
            assertThat(claim.getSpec().getStorageClassName()).isNull();
        });

        Storage storage = new Storage();
        storage.setSize("5Gi");
        storage.setStorageClassName("fast");
        storage.setDeleteClaim(true);
        session.getSpec().setStorage(storage);
        StatefulSet deleted = render(session, DATABASE_DIGEST);
        assertThat(deleted.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
        assertThat(deleted.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("5Gi"));
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        });
    }

    @Test
    void aDatabaseModeSessionGetsNoClaimOnlyAnEmptyDirCacheAndTellsThePod() {
        WhatsAppSession session = TestSessions.session("loja-01");
        Storage storage = new Storage();
        storage.setMode(StorageMode.Database);
        storage.setSize("2Gi");
        session.getSpec().setStorage(storage);

        StatefulSet statefulSet = render(session, DATABASE_DIGEST);

        assertThat(statefulSet.getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
        assertThat(statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy()).isNull();
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getName().equals("data"))
                .singleElement().satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi")));
        assertThat(container(statefulSet).getVolumeMounts()).anyMatch(m -> m.getName().equals("data")
                && m.getMountPath().equals("/var/lib/kubezap"));
        assertThat(value(container(statefulSet).getEnv(), "KUBEZAP_STORAGE_MODE")).isEqualTo("Database");
    }

    @Test
    void theFleetsModeIsOneOperatorSettingAndAVolumeSessionRendersAsBefore() {
        var databaseFleet = pod(Map.of("kubezap.session.image", "registry.local/session-pod:9",
                "kubezap.session.storage-mode", "Database"));
        WhatsAppSession session = TestSessions.session("loja-01");

        assertThat(render(databaseFleet, session, DATABASE_DIGEST).getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
        StatefulSet volume = render(session, DATABASE_DIGEST);
        assertThat(volume.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(container(volume).getEnv()).noneMatch(e -> e.getName().equals("KUBEZAP_STORAGE_MODE"));
        assertThat(volume.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().equals("data"));
    }

    @Test
    void anExistingSessionKeepsTheModeItsStatefulSetWasMadeInAndSaysWhyWhenTheSpecAsksOtherwise() {
        WhatsAppSession session = TestSessions.session("loja-01");
        StatefulSet onAVolume = render(session, DATABASE_DIGEST);
        var databaseFleet = pod(Map.of("kubezap.session.image", "registry.local/session-pod:9",
                "kubezap.session.storage-mode", "Database"));

        StatefulSet afterTheFleetDefaultChanged = databaseFleet.render(session, new PodInputs(DATABASE_DIGEST, ""),
                Optional.of(onAVolume));
        assertThat(afterTheFleetDefaultChanged.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(StorageModes.kept(session, Optional.of(onAVolume))).isEmpty();

        Storage storage = new Storage();
        storage.setMode(StorageMode.Database);
        session.getSpec().setStorage(storage);
        StatefulSet asked = pod.render(session, new PodInputs(DATABASE_DIGEST, ""), Optional.of(onAVolume));
        assertThat(asked.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(container(asked).getEnv()).noneMatch(e -> e.getName().equals("KUBEZAP_STORAGE_MODE"));
        assertThat(StorageModes.kept(session, Optional.of(onAVolume))).hasValueSatisfying(why ->
                assertThat(why).contains("asks for Database", "runs in Volume mode", "refused"));

        StatefulSet inTheDatabase = databaseFleet.render(session, new PodInputs(DATABASE_DIGEST, ""), Optional.empty());
        storage.setMode(StorageMode.Volume);
        assertThat(pod.render(session, new PodInputs(DATABASE_DIGEST, ""), Optional.of(inTheDatabase))
                .getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
        assertThat(StorageModes.kept(session, Optional.of(inTheDatabase))).isPresent();
    }

    @Test
    void webhookSecretsAreProjectedAsFilesAndNeverCopied() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setWebhooks(List.of(
                new Webhook("https://a.example.com/wa", List.of("message.received"), new SecretKeyRef("hooks", "hmac")),
                new Webhook("https://b.example.com/wa", List.of(), null)));

        StatefulSet statefulSet = render(session, DATABASE_DIGEST);

        var projected = statefulSet.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("webhooks")).findFirst().orElseThrow().getProjected();
        assertThat(projected.getSources()).filteredOn(s -> s.getSecret() != null).singleElement().satisfies(s -> {
            assertThat(s.getSecret().getName()).isEqualTo("hooks");
            assertThat(s.getSecret().getItems()).singleElement().satisfies(item -> {
                assertThat(item.getKey()).isEqualTo("hmac");
                assertThat(item.getPath()).isEqualTo("0");
            });
        });
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations().get(WebhookFiles.ANNOTATION))
                .isEqualTo("[{\"url\":\"https://a.example.com/wa\",\"events\":[\"message.received\"],"
                        + "\"secretFile\":\"0\"},{\"url\":\"https://b.example.com/wa\",\"events\":[]}]");
    }

    @Test
    void webhookHeadersAndAuthReachThePodWithEveryCredentialProjectedFromItsSecretNeverWritten() {
        WhatsAppSession session = TestSessions.session("loja-01");
        Webhook bearer = new Webhook("https://a.example.com/wa", List.of(), new SecretKeyRef("hooks", "hmac"));
        bearer.setHeaders(java.util.Map.of("X-Team", "sales"));
        var bearerAuth = new io.kubezap.api.v1alpha1.WebhookAuth();
        var token = new io.kubezap.api.v1alpha1.WebhookAuth.WebhookBearer();
        token.setTokenRef(new SecretKeyRef("hooks", "token"));
        bearerAuth.setBearer(token);
        bearer.setAuth(bearerAuth);
        Webhook oauth = new Webhook("https://b.example.com/wa", List.of(), null);
        var oauthAuth = new io.kubezap.api.v1alpha1.WebhookAuth();
        var grant = new io.kubezap.api.v1alpha1.WebhookAuth.WebhookOAuth2();
        grant.setTokenUrl("https://login.example.com/token");
        grant.setClientId("kubezap");
        grant.setClientSecretRef(new SecretKeyRef("oauth", "client-secret"));
        grant.setScopes(List.of("events.write"));
        oauthAuth.setOauth2(grant);
        oauth.setAuth(oauthAuth);
        session.getSpec().setWebhooks(List.of(bearer, oauth));

        StatefulSet statefulSet = render(session, DATABASE_DIGEST);

        var projected = statefulSet.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("webhooks")).findFirst().orElseThrow().getProjected();
        assertThat(projected.getSources()).filteredOn(source -> source.getSecret() != null)
                .extracting(source -> source.getSecret().getName() + "/" + source.getSecret().getItems().getFirst().getKey()
                        + "->" + source.getSecret().getItems().getFirst().getPath())
                .containsExactly("hooks/hmac->0", "hooks/token->0.credential", "oauth/client-secret->1.credential");
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations().get(WebhookFiles.ANNOTATION))
                .isEqualTo("[{\"url\":\"https://a.example.com/wa\",\"events\":[],\"secretFile\":\"0\","
                        + "\"headers\":{\"X-Team\":\"sales\"},\"auth\":{\"bearer\":{\"tokenFile\":\"0.credential\"}}},"
                        + "{\"url\":\"https://b.example.com/wa\",\"events\":[],\"auth\":{\"oauth2\":{"
                        + "\"tokenUrl\":\"https://login.example.com/token\",\"clientId\":\"kubezap\","
                        + "\"clientSecretFile\":\"1.credential\",\"scopes\":[\"events.write\"]}}}]");
    }

    @Test
    void eventSinksReachThePodAsAFileWithTheirCredentialsProjectedFromSecrets() {
        WhatsAppSession session = TestSessions.session("loja-01");
        EventSink kafka = eventSink("orders", EventSinkFile.Kind.Kafka, "kafka:9092", "whatsapp");
        kafka.setEvents(List.of("message.received"));
        kafka.setUsernameRef(new SecretKeyRef("brokers", "user"));
        kafka.setPasswordRef(new SecretKeyRef("brokers", "password"));
        Events events = new Events();
        events.setSinks(List.of(eventSink("audit", EventSinkFile.Kind.NATS, "nats://nats:4222", "kubezap.events"), kafka));
        session.getSpec().setEvents(events);

        var template = render(session, DATABASE_DIGEST).getSpec().getTemplate();

        assertThat(value(template.getSpec().getContainers().getFirst().getEnv(), "KUBEZAP_EVENT_SINKS_FILE"))
                .isEqualTo("/etc/kubezap/sinks/sinks.json");
        assertThat(template.getSpec().getContainers().getFirst().getVolumeMounts())
                .anySatisfy(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/etc/kubezap/sinks");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        var projected = template.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(SessionStatefulSet.EVENT_SINKS_VOLUME)).findFirst().orElseThrow().getProjected();
        assertThat(projected.getSources()).filteredOn(source -> source.getSecret() != null)
                .extracting(source -> source.getSecret().getName() + "/" + source.getSecret().getItems().getFirst().getKey()
                        + "->" + source.getSecret().getItems().getFirst().getPath())
                .containsExactly("brokers/user->1-username", "brokers/password->1-password");
        assertThat(template.getMetadata().getAnnotations().get(EventSinkFiles.ANNOTATION)).isEqualTo(
                "[{\"name\":\"audit\",\"kind\":\"NATS\",\"address\":\"nats://nats:4222\",\"destination\":\"kubezap.events\",\"events\":[]},"
                + "{\"name\":\"orders\",\"kind\":\"Kafka\",\"address\":\"kafka:9092\",\"destination\":\"whatsapp\","
                + "\"events\":[\"message.received\"],\"usernameFile\":\"1-username\",\"passwordFile\":\"1-password\"}]");
    }

    @Test
    void anSqsSinkReachesThePodWithItsRegionDeadLetterQueueAndItsThreeCredentialsProjected() {
        WhatsAppSession session = TestSessions.session("loja-01");
        EventSink sqs = eventSink("queue", EventSinkFile.Kind.SQS, "https://sqs.eu-west-1.amazonaws.com",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/events.fifo");
        sqs.setRegion("eu-west-1");
        sqs.setDeadLetterQueue("https://sqs.eu-west-1.amazonaws.com/123456789012/refused.fifo");
        sqs.setUsernameRef(new SecretKeyRef("aws", "access-key-id"));
        sqs.setPasswordRef(new SecretKeyRef("aws", "secret-access-key"));
        sqs.setSessionTokenRef(new SecretKeyRef("aws", "session-token"));
        Events events = new Events();
        events.setSinks(List.of(sqs));
        session.getSpec().setEvents(events);

        var template = render(session, DATABASE_DIGEST).getSpec().getTemplate();

        var projected = template.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(SessionStatefulSet.EVENT_SINKS_VOLUME)).findFirst().orElseThrow().getProjected();
        assertThat(projected.getSources()).filteredOn(source -> source.getSecret() != null)
                .extracting(source -> source.getSecret().getName() + "/" + source.getSecret().getItems().getFirst().getKey()
                        + "->" + source.getSecret().getItems().getFirst().getPath())
                .containsExactly("aws/access-key-id->0-username", "aws/secret-access-key->0-password",
                        "aws/session-token->0-session-token");
        assertThat(template.getMetadata().getAnnotations().get(EventSinkFiles.ANNOTATION)).isEqualTo(
                "[{\"name\":\"queue\",\"kind\":\"SQS\",\"address\":\"https://sqs.eu-west-1.amazonaws.com\","
                + "\"destination\":\"https://sqs.eu-west-1.amazonaws.com/123456789012/events.fifo\",\"events\":[],"
                + "\"usernameFile\":\"0-username\",\"passwordFile\":\"0-password\",\"region\":\"eu-west-1\","
                + "\"sessionTokenFile\":\"0-session-token\","
                + "\"deadLetterQueue\":\"https://sqs.eu-west-1.amazonaws.com/123456789012/refused.fifo\"}]");
    }

    @Test
    void aWebhooksAndASinksFilterReachThePodAsTheyAreWrittenAndNoneIsWrittenWhereNoneIsSet() {
        WhatsAppSession session = TestSessions.session("loja-01");
        io.kubezap.api.v1alpha1.EventFilter ignoreGroupsAndStatus = new io.kubezap.api.v1alpha1.EventFilter();
        ignoreGroupsAndStatus.setExcludeChats(List.of("groups", "status"));
        Webhook filtered = new Webhook("https://a.example.com/wa", List.of(), null);
        filtered.setFilter(ignoreGroupsAndStatus);
        session.getSpec().setWebhooks(List.of(filtered, new Webhook("https://b.example.com/wa", List.of(), null)));
        EventSink incoming = eventSink("inbox", EventSinkFile.Kind.NATS, "nats://nats:4222", "inbox");
        io.kubezap.api.v1alpha1.EventFilter onlyIncoming = new io.kubezap.api.v1alpha1.EventFilter();
        onlyIncoming.setDirection(io.kubezap.contract.filter.EventDirection.Incoming);
        onlyIncoming.setFromMe(false);
        incoming.setFilter(onlyIncoming);
        Events events = new Events();
        events.setSinks(List.of(incoming));
        session.getSpec().setEvents(events);

        var annotations = render(session, DATABASE_DIGEST).getSpec().getTemplate().getMetadata().getAnnotations();

        assertThat(annotations.get(WebhookFiles.ANNOTATION)).isEqualTo("[{\"url\":\"https://a.example.com/wa\",\"events\":[],"
                + "\"filter\":{\"excludeChats\":[\"groups\",\"status\"]}},{\"url\":\"https://b.example.com/wa\",\"events\":[]}]");
        assertThat(annotations.get(EventSinkFiles.ANNOTATION)).isEqualTo("[{\"name\":\"inbox\",\"kind\":\"NATS\","
                + "\"address\":\"nats://nats:4222\",\"destination\":\"inbox\",\"events\":[],"
                + "\"filter\":{\"direction\":\"Incoming\",\"fromMe\":false}}]");
    }

    @Test
    void aSessionWithoutEventSinksGetsNoneOfTheirVolumeAnnotationOrVariable() {
        var template = render(TestSessions.session("loja-01"), DATABASE_DIGEST).getSpec().getTemplate();

        assertThat(template.getMetadata().getAnnotations()).doesNotContainKey(EventSinkFiles.ANNOTATION);
        assertThat(template.getSpec().getVolumes()).extracting(v -> v.getName()).doesNotContain(SessionStatefulSet.EVENT_SINKS_VOLUME);
        assertThat(template.getSpec().getContainers().getFirst().getEnv()).extracting(EnvVar::getName)
                .doesNotContain("KUBEZAP_EVENT_SINKS_FILE");
    }

    @Test
    void theInstallationsSinksReachEveryPodBeforeItsOwnAndWinANameTheyShare() {
        SessionStatefulSet withInstallationSinks = pod(Map.of("kubezap.session.event-sinks", "[{\"name\":\"platform\","
                + "\"kind\":\"Kafka\",\"address\":\"kafka.platform:9092\",\"destination\":\"whatsapp-all\","
                + "\"usernameRef\":{\"name\":\"platform-broker\",\"key\":\"user\"},"
                + "\"passwordRef\":{\"name\":\"platform-broker\",\"key\":\"password\"}}]"));
        WhatsAppSession plain = TestSessions.session("loja-01");
        WhatsAppSession withOwn = TestSessions.session("loja-02");
        Events events = new Events();
        events.setSinks(List.of(eventSink("platform", EventSinkFile.Kind.NATS, "nats://mine:4222", "stolen"),
                eventSink("audit", EventSinkFile.Kind.NATS, "nats://nats:4222", "kubezap.events")));
        withOwn.getSpec().setEvents(events);

        var plainPod = render(withInstallationSinks, plain, DATABASE_DIGEST).getSpec().getTemplate();
        assertThat(value(plainPod.getSpec().getContainers().getFirst().getEnv(), "KUBEZAP_EVENT_SINKS_FILE"))
                .isEqualTo("/etc/kubezap/sinks/sinks.json");
        assertThat(plainPod.getMetadata().getAnnotations().get(EventSinkFiles.ANNOTATION)).isEqualTo(
                "[{\"name\":\"platform\",\"kind\":\"Kafka\",\"address\":\"kafka.platform:9092\",\"destination\":\"whatsapp-all\","
                + "\"events\":[],\"usernameFile\":\"0-username\",\"passwordFile\":\"0-password\"}]");
        assertThat(plainPod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(SessionStatefulSet.EVENT_SINKS_VOLUME)).findFirst().orElseThrow()
                .getProjected().getSources()).filteredOn(source -> source.getSecret() != null)
                .extracting(source -> source.getSecret().getName()).as("a Secret of that name in the session's namespace")
                .containsExactly("platform-broker", "platform-broker");

        var ownPod = render(withInstallationSinks, withOwn, DATABASE_DIGEST).getSpec().getTemplate();
        assertThat(ownPod.getMetadata().getAnnotations().get(EventSinkFiles.ANNOTATION))
                .contains("\"name\":\"platform\",\"kind\":\"Kafka\"").contains("\"name\":\"audit\"")
                .doesNotContain("stolen");
    }

    @Test
    void aBrokenInstallationSinkSettingStopsTheOperatorNamingTheChartValue() {
        assertThatThrownBy(() -> pod(Map.of("kubezap.session.event-sinks",
                "[{\"name\":\"a\",\"kind\":\"NATS\",\"address\":\"nats://u:p@nats:4222\",\"destination\":\"x\"}]")))
                .hasMessageContaining("session.events.sinks").hasMessageContaining("without credentials");
        assertThatThrownBy(() -> pod(Map.of("kubezap.session.event-sinks", "[{\"name\":\"a\",\"kind\":\"NATS\","
                + "\"address\":\"nats://nats:4222\",\"destination\":\"x\"},{\"name\":\"a\",\"kind\":\"Kafka\","
                + "\"address\":\"kafka:9092\",\"destination\":\"y\"}]")))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> pod(Map.of("kubezap.session.event-sinks", "[{\"name\":\"a\",\"kind\":\"SQS\"}]")))
                .hasMessageContaining("session.events.sinks");
        assertThatThrownBy(() -> pod(Map.of("kubezap.session.event-sinks", "[{\"name\":\"a\",\"kind\":\"NATS\","
                + "\"address\":\"nats://n:4222\",\"destination\":\"d\",\"filter\":{\"excludeChats\":[\"everyone\"]}}]")))
                .hasMessageContaining("session.events.sinks").hasMessageContaining("sink 'a' filter.excludeChats[0]: a chat is groups");
    }

    private static EventSink eventSink(String name, EventSinkFile.Kind kind, String address, String destination) {
        EventSink sink = new EventSink();
        sink.setName(name);
        sink.setKind(kind);
        sink.setAddress(address);
        sink.setDestination(destination);
        return sink;
    }

    @Test
    void configHashIsStableForTheSameSpecAndChangesWithIt() {
        WhatsAppSession session = TestSessions.session("loja-01");
        String first = hash(render(session, DATABASE_DIGEST));
        assertThat(hash(render(TestSessions.session("loja-01"), DATABASE_DIGEST))).isEqualTo(first);

        session.getSpec().setSuspend(true);
        assertThat(hash(render(session, DATABASE_DIGEST))).as("replicas are not part of the pod").isEqualTo(first);

        session.getSpec().setSendRateLimit(new io.kubezap.api.v1alpha1.SendRateLimit(5));
        session.getMetadata().setGeneration(2L); // as the API server counts a spec change
        assertThat(hash(render(session, DATABASE_DIGEST))).isNotEqualTo(first);
    }

    @Test
    void newDatabaseCredentialsRollThePod() {
        WhatsAppSession session = TestSessions.session("loja-01");
        String before = hash(render(session, DATABASE_DIGEST));

        StatefulSet rotated = render(session, "4567ef01");

        assertThat(hash(rotated)).isNotEqualTo(before);
        assertThat(rotated.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(SessionStatefulSet.DATABASE_DIGEST_ANNOTATION, "4567ef01");
    }

    @Test
    void renderedObjectSerialisesWithoutSecretValues() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setWebhooks(List.of(new Webhook("https://a.example.com", List.of(), new SecretKeyRef("hooks", "hmac"))));

        String json = new KubernetesSerialization().asJson(render(session, DATABASE_DIGEST));

        assertThat(json).contains("secretKeyRef").doesNotContain("\"value\":\"jdbc:");
    }

    private StatefulSet render(WhatsAppSession session, String databaseDigest) {
        return render(pod, session, databaseDigest);
    }

    private static StatefulSet render(SessionStatefulSet pod, WhatsAppSession session, String databaseDigest) {
        return pod.render(session, new PodInputs(databaseDigest, ""), Optional.empty());
    }

    private static SessionStatefulSet pod(Map<String, String> properties) {
        return new SessionStatefulSet(TestSessions.config(properties), new PodTemplateHashes());
    }

    private static String hash(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getMetadata().getAnnotations().get(PodTemplateHash.ANNOTATION);
    }

    private static Container container(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String value(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static String secretRef(List<EnvVar> env, String name) {
        var ref = env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef();
        return ref.getName() + "/" + ref.getKey();
    }
}
