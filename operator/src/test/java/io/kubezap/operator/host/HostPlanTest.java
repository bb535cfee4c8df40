package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.contract.StorageMode;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.operator.model.PodInputs;
import io.kubezap.operator.model.PodTemplateHashes;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.model.SessionStatefulSet;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 81: what the operator renders for a namespace's session hosts, from the sessions the hosts run. */
class HostPlanTest {

    private static final HostStatefulSet.Settings SETTINGS = new HostStatefulSet.Settings(TestSessions.config(Map.of(
            "kubezap.session.image", "kubezap/session-pod:test", "kubezap.host.memory-request", "4Gi")));
    private static final SessionStatefulSet POD = new SessionStatefulSet(TestSessions.config(Map.of()), new PodTemplateHashes());
    private static final Map<String, String> SECRETS = Map.of(
            "shop-api-key/api-key", "0123456789abcdef-shop",
            "shop-database/token", "tok-shop",
            "hooks/hmac", "whsec_shop");

    @Test
    void aSessionsEntryHoldsWhatItsOwnPodWouldGetWithSecretsResolvedAndFilesByRelativePath() {
        HostSessionFile.Entry entry = HostSessionEntry.of("shop", template(hostPlaced("shop")), HostPlanTest::secret);

        assertThat(entry.settings())
                .containsEntry(PodEnvironment.SESSION, "shop")
                .containsEntry(PodEnvironment.API_KEY, "0123456789abcdef-shop")
                .containsEntry(PodEnvironment.DATABASE_TOKEN, "tok-shop")
                .containsEntry(PodEnvironment.STORAGE_MODE, "Database")
                .containsEntry(PodEnvironment.WEBHOOKS_FILE, "webhooks/webhooks.json");
        assertThat(entry.files()).containsEntry("webhooks/0", "whsec_shop");
        assertThat(entry.files().get("webhooks/webhooks.json")).contains("https://hooks.example.com/shop").contains("\"secretFile\":\"0\"");
        assertThat(HostSessionFile.read("shop", HostSessionFile.write(entry))).isEqualTo(entry);
    }

    @Test
    void aMissingSecretKeyNamesTheSessionAndTheKeyInsteadOfPlacingAHalfSession() {
        assertThatThrownBy(() -> HostSessionEntry.of("shop", template(hostPlaced("shop")), (secret, key) -> Optional.empty()))
                .isInstanceOf(HostSessionEntry.Unresolvable.class).hasMessageContaining("shop").hasMessageContaining("has no key");
    }

    @Test
    void twoHundredFiftySessionsAtAHundredAHostGiveThreeHostsEachWithItsOwnSecretOfItsOwnSessions() {
        HostPlan plan = HostPlan.of("tenant-a", sessions(250), 100, SETTINGS, Optional.empty());

        assertThat(plan.statefulSets()).extracting(s -> s.getMetadata().getName())
                .containsExactly("kubezap-host-0", "kubezap-host-1", "kubezap-host-2");
        assertThat(plan.secrets()).extracting(s -> s.getMetadata().getName())
                .containsExactly("kubezap-host-0-sessions", "kubezap-host-1-sessions", "kubezap-host-2-sessions");
        assertThat(plan.secrets()).extracting(s -> s.getData().size())
                .allSatisfy(files -> assertThat(files).isLessThanOrEqualTo(100))
                .satisfies(files -> assertThat(files.stream().mapToInt(Integer::intValue).sum()).isEqualTo(250));
        for (Secret secret : plan.secrets()) {
            String host = secret.getMetadata().getName().replace("-sessions", "");
            assertThat(secret.getData()).allSatisfy((file, content) -> {
                String session = HostSessionFile.sessionOf(file).orElseThrow();
                assertThat(plan.hostOfSession()).containsEntry(session, host);
                assertThat(HostSessionFile.read(session, decoded(content)).settings()).containsEntry(PodEnvironment.SESSION, session);
            });
        }
        assertThat(plan.disruptionBudget()).hasValueSatisfying(pdb -> {
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(HostStatefulSet.desired("tenant-a", 2, SETTINGS, "").getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        });
    }

    @Test
    void aHostIsOnePodUnderTheHeadlessServiceMountingItsOwnSecretSpreadAcrossNodes() {
        StatefulSet host = HostStatefulSet.desired("tenant-a", 4, SETTINGS, "");

        assertThat(host.getSpec().getReplicas()).isEqualTo(1);
        assertThat(host.getSpec().getServiceName()).isEqualTo(SessionObjectNames.SESSIONS_SERVICE);
        assertThat(host.getSpec().getTemplate().getMetadata().getLabels())
                .as("selected by the headless Service, the session NetworkPolicies and the gateway's egress")
                .containsEntry(SessionObjects.LABEL_NAME, SessionObjects.SESSION_POD_NAME);
        assertThat(host.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("kubezap-host-4-sessions"));
        assertThat(host.getSpec().getVolumeClaimTemplates()).as("no volume of its own").isNullOrEmpty();
        Container container = host.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo(HostSessionFile.DIRECTORY));
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo(HostSessionFile.DIRECTORY_ENV);
            assertThat(env.getValue()).isEqualTo(HostSessionFile.DIRECTORY);
        });
        assertThat(container.getResources().getRequests()).containsEntry("memory", new Quantity("4Gi"));
        assertThat(host.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(host.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
        });
    }

    @Test
    void aNamespaceWithoutHostPlacedSessionsHasNoHostAndNoBudget() {
        HostPlan plan = HostPlan.of("tenant-a", List.of(), 100, SETTINGS, Optional.empty());

        assertThat(plan.statefulSets()).isEmpty();
        assertThat(plan.secrets()).isEmpty();
        assertThat(plan.disruptionBudget()).isEmpty();
    }

    @Test
    void sessionsKeepTheHostTheirStatusNamesWhenOthersJoin() {
        List<HostPlan.HostedSession> before = sessions(150);
        HostPlan first = HostPlan.of("tenant-a", before, 100, SETTINGS, Optional.empty());
        List<HostPlan.HostedSession> withStatus = new java.util.ArrayList<>(before.stream()
                .map(hosted -> new HostPlan.HostedSession(hosted.entry(), first.hostOfSession().get(hosted.entry().session())))
                .toList());
        withStatus.add(new HostPlan.HostedSession(entry("zz-newcomer"), null));

        HostPlan second = HostPlan.of("tenant-a", withStatus, 100, SETTINGS, Optional.empty());

        assertThat(second.hostOfSession()).containsAllEntriesOf(first.hostOfSession()).containsKey("zz-newcomer");
    }

    @Test
    void aHostWhoseSessionFilesWouldOverflowASecretIsRefusedNamingTheSetting() {
        Map<String, String> big = Map.of(PodEnvironment.SESSION, "s", "KUBEZAP_AUTO_REPLY", "x".repeat(20_000));
        List<HostSessionFile.Entry> entries = IntStream.range(0, 60).mapToObj(i -> new HostSessionFile.Entry("s" + i,
                Map.of(PodEnvironment.SESSION, "s" + i, "KUBEZAP_AUTO_REPLY", big.get("KUBEZAP_AUTO_REPLY")), Map.of())).toList();

        assertThatThrownBy(() -> HostSessionSecret.desired("tenant-a", 0, entries)).hasMessageContaining("sessionsPerHost");
    }

    private static List<HostPlan.HostedSession> sessions(int count) {
        return IntStream.range(0, count).mapToObj(i -> new HostPlan.HostedSession(entry("s-" + i), null)).toList();
    }

    private static HostSessionFile.Entry entry(String session) {
        return new HostSessionFile.Entry(session, Map.of(PodEnvironment.SESSION, session), Map.of());
    }

    private static WhatsAppSession hostPlaced(String name) {
        WhatsAppSession session = TestSessions.session(name);
        Storage storage = new Storage();
        storage.setMode(StorageMode.Database);
        session.getSpec().setStorage(storage);
        session.getSpec().setPlacement(io.kubezap.contract.Placement.Host);
        session.getSpec().setWebhooks(List.of(new Webhook("https://hooks.example.com/shop", List.of(), new SecretKeyRef("hooks", "hmac"))));
        return session;
    }

    private static PodTemplateSpec template(WhatsAppSession session) {
        return POD.render(session, new PodInputs("", ""), Optional.empty()).getSpec().getTemplate();
    }

    private static Optional<String> secret(String name, String key) {
        return Optional.of(SECRETS.getOrDefault(name + "/" + key, "value of " + name + "/" + key));
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
