package io.kubezap.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.cache.PackedPodTemplateSpec;
import io.kubezap.operator.cache.PrunedMetadataDeserialization;
import io.kubezap.operator.reconciler.WhatsAppSessionReconciler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JOSDK's server-side-apply matcher, the one the operator runs on a real cluster, against the StatefulSet as the API
 * server stores it after the operator's apply (fixture {@code server-shaped/statefulset-after-apply.yaml}: defaults
 * filled in, managedFields of the operator's field manager). "No change" means a reconcile writes nothing.
 */
class ServerShapedStatefulSetTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final KubernetesSerialization OPERATORS_SERIALIZATION = operatorsSerialization();
    static final String DATABASE_DIGEST = "0123abcd";
    static final String SECRETS_DIGEST = "89abcdef";

    private final SessionStatefulSet pod = new SessionStatefulSet(TestSessions.config(Map.of()), new PodTemplateHashes());
    private final SSABasedGenericKubernetesResourceMatcher<StatefulSet> matcher =
            SSABasedGenericKubernetesResourceMatcher.getInstance();

    @Test
    void desiredStateMatchesWhatTheServerStoredAfterTheApply() {
        StatefulSet stored = stored();

        StatefulSet desired = desired(session(), stored);

        assertThat(matcher.matches(stored, desired, context()))
                .as("the SSA matcher sees no change between\n desired %s\n and stored %s",
                        SERIALIZATION.asYaml(desired), SERIALIZATION.asYaml(stored))
                .isTrue();
    }

    /** What the informer holds: the stored object decoded by the operator's client, its metadata pruned. */
    @Test
    void desiredStateMatchesTheStoredObjectAsTheOperatorCachesIt() {
        StatefulSet cached = cached();

        assertThat(cached.getMetadata().getManagedFields()).hasSize(1);
        assertThat(matcher.matches(cached, desired(session(), cached), context()))
                .as("the SSA matcher sees no change between\n desired %s\n and cached %s",
                        SERIALIZATION.asYaml(desired(session(), cached)), SERIALIZATION.asYaml(cached))
                .isTrue();
    }

    @Test
    void aChangedSpecIsSeenAsAChangeOnTheCachedObjectToo() {
        StatefulSet cached = cached();
        WhatsAppSession session = session();
        session.getSpec().setSuspend(true);

        assertThat(matcher.matches(cached, desired(session, cached), context())).isFalse();
    }

    /**
     * Two cached copies share the read-only branches of one managedFields tree (all but their owner reference's,
     * {@code SharedFieldSets}): matching one (a change, then none) leaves the
     * tree as the server sent it, and the other still matches and still sees a change.
     */
    @Test
    void cachedObjectsSharingOneFieldTreeAreEachMatchedOnTheirOwn() {
        StatefulSet first = cached();
        StatefulSet second = cached();
        WhatsAppSession suspended = session();
        suspended.getSpec().setSuspend(true);

        assertThat(second.getMetadata().getManagedFields().getFirst().getFieldsV1().getAdditionalProperties().get("f:spec"))
                .isSameAs(first.getMetadata().getManagedFields().getFirst().getFieldsV1().getAdditionalProperties().get("f:spec"));
        assertThat(matcher.matches(first, desired(suspended, first), context())).isFalse();
        assertThat(matcher.matches(first, desired(session(), first), context())).isTrue();
        assertThat(matcher.matches(second, desired(session(), second), context())).isTrue();
        assertThat(matcher.matches(second, desired(suspended, second), context())).isFalse();
        assertThat(SERIALIZATION.asJson(second.getMetadata().getManagedFields().getFirst()))
                .isEqualTo(SERIALIZATION.asJson(ownEntry(stored())));
    }

    /**
     * The cached StatefulSet holds its pod template's spec packed (most of its memory), and reads back exactly the spec
     * the server sent: the same containers, env, probes and server defaults, equal by value and in JSON.
     */
    @Test
    void theCachedPodTemplateSpecIsHeldPackedAndReadsBackAsSent() {
        StatefulSet cached = cached();
        var template = cached.getSpec().getTemplate();

        assertThat(template).isInstanceOf(PackedPodTemplateSpec.class);
        assertThat(template.getSpec()).isEqualTo(stored().getSpec().getTemplate().getSpec());
        assertThat(SERIALIZATION.asJson(cached.getSpec())).isEqualTo(SERIALIZATION.asJson(stored().getSpec()));
        assertThat(template.getMetadata().getAnnotations()).containsKey(PodTemplateHash.ANNOTATION);
        assertThat(cached.getSpec()).isEqualTo(cachedWithoutPacking().getSpec());
    }

    /**
     * The loop a cache that loses part of the template would start: every reconcile sees a difference and applies
     * again. Here each apply leaves the server with the stored object, which reaches the cache through the operator's
     * decoding (packed template, pruned metadata, shared trees) before the next reconcile.
     */
    @Test
    void tenReconcilesAgainstTheCacheWriteTheStatefulSetAtMostOnce() {
        assertThat(writesInTenReconciles(ServerShapedStatefulSetTest::cached)).isEqualTo(1);
    }

    /** A session whose rollout waits keeps the cached template: applied as a plain copy, the same spec. */
    @Test
    void aWaitingRolloutKeepsTheCachedTemplateAsAPlainCopy() {
        StatefulSet cached = cached();
        WhatsAppSession session = session();
        session.getSpec().setSuspend(true);

        StatefulSet desired = RolloutTurn.LATER.applyTo(desired(session, cached), java.util.Optional.of(cached));

        assertThat(desired.getSpec().getTemplate()).isNotInstanceOf(PackedPodTemplateSpec.class)
                .isEqualTo(stored().getSpec().getTemplate());
    }

    private static io.fabric8.kubernetes.api.model.ManagedFieldsEntry ownEntry(StatefulSet stored) {
        return stored.getMetadata().getManagedFields().stream()
                .filter(entry -> entry.getManager().equals(WhatsAppSessionReconciler.NAME)).findFirst().orElseThrow();
    }

    @Test
    void tenReconcilesOfAnUnchangedSessionWriteTheStatefulSetAtMostOnce() {
        assertThat(writesInTenReconciles(ServerShapedStatefulSetTest::stored)).isEqualTo(1);
    }

    /**
     * Reconciles an unchanged session ten times, comparing with what is read back after a write: the same apply of
     * the same object leaves the server with the same stored object, read as {@code afterWrite} gives it.
     */
    private int writesInTenReconciles(java.util.function.Supplier<StatefulSet> afterWrite) {
        WhatsAppSession session = session();
        StatefulSet read = null;
        int writes = 0;
        for (int reconcile = 0; reconcile < 10; reconcile++) {
            StatefulSet desired = desired(session, read);
            if (read == null || !matcher.matches(read, desired, context())) {
                writes++;
                read = afterWrite.get();
            }
        }
        return writes;
    }

    @Test
    void aChangedSpecIsSeenAsAChange() {
        StatefulSet stored = stored();
        WhatsAppSession session = session();
        session.getSpec().setSuspend(true);

        assertThat(matcher.matches(stored, desired(session, stored), context())).isFalse();
    }

    @Test
    void aChangedWebhookSecretReferenceIsSeenAsAChange() {
        StatefulSet stored = stored();
        WhatsAppSession session = session();
        session.getSpec().getWebhooks().getFirst().setSecretRef(new SecretKeyRef("hooks-v2", "hmac"));

        assertThat(matcher.matches(stored, desired(session, stored), context())).isFalse();
    }

    private StatefulSet desired(WhatsAppSession session, StatefulSet stored) {
        return pod.render(session, new PodInputs(DATABASE_DIGEST, SECRETS_DIGEST),
                java.util.Optional.ofNullable(stored));
    }

    static WhatsAppSession session() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setWebhooks(new java.util.ArrayList<>(List.of(new Webhook("https://hooks.example.com/wa",
                List.of("message.received"), new SecretKeyRef("hooks", "hmac")))));
        return session;
    }

    static StatefulSet stored() {
        try (InputStream in = ServerShapedStatefulSetTest.class
                .getResourceAsStream("/server-shaped/statefulset-after-apply.yaml")) {
            return SERIALIZATION.unmarshal(in, StatefulSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StatefulSet cached() {
        return OPERATORS_SERIALIZATION.unmarshal(SERIALIZATION.asJson(stored()), StatefulSet.class);
    }

    /** The operator's client's: the matcher converts both objects to maps with it (compact ones, as in production). */
    private static KubernetesSerialization operatorsSerialization() {
        ObjectMapper mapper = new ObjectMapper();
        new PrunedMetadataDeserialization().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }

    /** The stored object decoded without the operator's decoding. */
    static StatefulSet cachedWithoutPacking() {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(stored()), StatefulSet.class);
    }

    /** The two things the matcher asks of its context: the field manager and the client's serialisation. */
    @SuppressWarnings("unchecked")
    static Context<WhatsAppSession> context() {
        var configuration = Proxy.newProxyInstance(ServerShapedStatefulSetTest.class.getClassLoader(),
                new Class<?>[] {ControllerConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "fieldManager", "getName" -> WhatsAppSessionReconciler.NAME;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        var client = Proxy.newProxyInstance(ServerShapedStatefulSetTest.class.getClassLoader(),
                new Class<?>[] {KubernetesClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getKubernetesSerialization" -> OPERATORS_SERIALIZATION;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(ServerShapedStatefulSetTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getControllerConfiguration" -> configuration;
                    case "getClient" -> client;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
