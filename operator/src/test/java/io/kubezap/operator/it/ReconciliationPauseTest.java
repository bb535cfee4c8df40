package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.api.v1alpha1.SendRateLimit;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.model.InstallationDigest;
import io.kubezap.operator.model.PodTemplateHash;
import io.kubezap.operator.pause.ReconciliationPause;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Maintenance mode per session (issue 71, item 6): with {@code kubezap.io/pause-reconciliation: "true"} a spec change
 * leaves the StatefulSet (hence the pod) as it is and the status says the session is paused; removing the annotation
 * carries the change out and the condition goes.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class ReconciliationPauseTest {

    private static final String PAUSED = "ReconciliationPaused";

    @Inject
    KubernetesClient client;

    @Inject
    OperatorConfig config;

    @Test
    void aPausedSessionsSpecChangeWaitsForTheEndOfThePause() {
        OperatorCluster cluster = reconciledOnce("papa");
        String before = templateHash(cluster);
        String rateBefore = rate(cluster);

        annotate(cluster, "true");
        await().atMost(PATIENCE).until(() -> cluster.condition("papa", PAUSED).isPresent());
        Condition paused = cluster.condition("papa", PAUSED).orElseThrow();
        assertThat(paused.getStatus()).isEqualTo("True");
        assertThat(paused.getReason()).isEqualTo("PausedByAnnotation");
        assertThat(paused.getMessage()).contains(ReconciliationPause.ANNOTATION);

        cluster.editSpec("papa", spec -> spec.setSendRateLimit(new SendRateLimit(7)));
        long edited = cluster.session("papa").getMetadata().getGeneration();
        // the paused reconcile saw the edit (its condition names the new generation) and left the StatefulSet alone
        await().atMost(PATIENCE).until(() -> cluster.condition("papa", PAUSED)
                .map(c -> c.getObservedGeneration() == edited).orElse(false));
        assertThat(templateHash(cluster)).as("no pod restarted while paused").isEqualTo(before);
        assertThat(rate(cluster)).isEqualTo(rateBefore).isNotEqualTo("7");
        assertThat(cluster.session("papa").getStatus().getObservedGeneration()).as("the edit is not carried out")
                .isLessThan(edited);

        annotate(cluster, null);
        await().atMost(PATIENCE).until(() -> "7".equals(rate(cluster)));
        assertThat(templateHash(cluster)).isNotEqualTo(before);
        await().atMost(PATIENCE).until(() -> cluster.condition("papa", PAUSED).isEmpty());
    }

    /**
     * Issue 79 S10: the tenant's annotation froze the admin's changes too. A StatefulSet as an operator of other
     * settings made it (another image, an allow-list entry the admin has since removed, a retired KMS key, and that
     * installation's digest) is brought to the current settings while the session stays paused.
     */
    @Test
    void theAdminsSettingsReachAPausedSession() throws InterruptedException {
        OperatorCluster cluster = reconciledOnce("quebec");
        String image = container(cluster, "quebec").getImage();
        annotate(cluster, "quebec", "true");
        await().atMost(PATIENCE).until(() -> cluster.condition("quebec", PAUSED).isPresent());
        ConditionWatch stillPaused = ConditionWatch.of(() -> cluster.condition("quebec", PAUSED).isPresent());

        client.apps().statefulSets().inNamespace(cluster.namespace()).withName("quebec").edit(made -> {
            made.getMetadata().getAnnotations().put(InstallationDigest.ANNOTATION, "an-older-installation");
            // the template's spec is decoded afresh at each read (cache.PackedPodTemplateSpec): change a copy, set it back
            PodSpec pod = made.getSpec().getTemplate().getSpec();
            var container = pod.getContainers().getFirst();
            container.setImage("ghcr.io/kubezap/session-pod:0.0.9");
            container.getEnv().add(new EnvVar("KUBEZAP_MEDIA_URL_ALLOW_LIST", "10.0.0.0/8", null));
            container.getEnv().add(new EnvVar("KUBEZAP_KEY_WRAPPING_KMS_KEY", "alias/retired", null));
            made.getSpec().getTemplate().setSpec(pod);
            return made;
        });

        await().atMost(PATIENCE).until(() -> image.equals(container(cluster, "quebec").getImage()));
        assertThat(env(cluster, "quebec", "KUBEZAP_MEDIA_URL_ALLOW_LIST")).as("the removed allow-list entry").isEmpty();
        assertThat(env(cluster, "quebec", "KUBEZAP_KEY_WRAPPING_KMS_KEY")).as("the retired KMS key").isEmpty();
        assertThat(InstallationDigest.stampedOn(cluster.statefulSet("quebec"))).contains(InstallationDigest.of(config.session()));
        // the reconcile that let the admin's settings through writes the status too: the pause must not seem to end
        await().during(java.time.Duration.ofSeconds(2)).atMost(PATIENCE)
                .until(() -> cluster.condition("quebec", PAUSED).isPresent());
        assertThat(stillPaused.stop()).as("the condition " + PAUSED + " held through the admin's reconcile").isTrue();
    }

    /** Reads a condition every 20 ms until stopped: whether it held at every read. */
    private static final class ConditionWatch {
        private final java.util.function.BooleanSupplier holds;
        private final java.util.concurrent.atomic.AtomicBoolean heldAlways = new java.util.concurrent.atomic.AtomicBoolean(true);
        private volatile boolean stopped;
        private Thread reader;

        private ConditionWatch(java.util.function.BooleanSupplier holds) {
            this.holds = holds;
        }

        static ConditionWatch of(java.util.function.BooleanSupplier holds) {
            ConditionWatch watch = new ConditionWatch(holds);
            watch.reader = Thread.ofVirtual().start(watch::read);
            return watch;
        }

        private void read() {
            while (!stopped) {
                if (!holds.getAsBoolean()) {
                    heldAlways.set(false);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        boolean stop() throws InterruptedException {
            stopped = true;
            reader.join();
            return heldAlways.get();
        }
    }

    /** A new session once its StatefulSet and first status are written: what a paused reconcile must leave as it is. */
    private OperatorCluster reconciledOnce(String name) {
        OperatorCluster cluster = OperatorCluster.installed(client);
        cluster.create(name, spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet(name) != null);
        await().atMost(PATIENCE).until(() -> cluster.session(name).getStatus() != null
                && cluster.session(name).getStatus().getObservedGeneration() != null);
        return cluster;
    }

    private static io.fabric8.kubernetes.api.model.Container container(OperatorCluster cluster, String name) {
        return cluster.statefulSet(name).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static Optional<String> env(OperatorCluster cluster, String name, String variable) {
        return container(cluster, name).getEnv().stream().filter(e -> variable.equals(e.getName()))
                .map(EnvVar::getValue).findFirst();
    }

    private void annotate(OperatorCluster cluster, String value) {
        annotate(cluster, "papa", value);
    }

    private void annotate(OperatorCluster cluster, String name, String value) {
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.resources(WhatsAppSession.class).inNamespace(cluster.namespace()).withName(name).edit(s -> {
                if (value == null) {
                    s.getMetadata().getAnnotations().remove(ReconciliationPause.ANNOTATION);
                } else {
                    s.getMetadata().getAnnotations().put(ReconciliationPause.ANNOTATION, value);
                }
                return s;
            });
            return true;
        });
    }

    private static String templateHash(OperatorCluster cluster) {
        return cluster.statefulSet("papa").getSpec().getTemplate().getMetadata().getAnnotations()
                .get(PodTemplateHash.ANNOTATION);
    }

    private static String rate(OperatorCluster cluster) {
        return Optional.of(cluster.statefulSet("papa").getSpec().getTemplate().getSpec().getContainers().get(0))
                .flatMap(c -> c.getEnv().stream().filter(e -> "KUBEZAP_SEND_RATE_PER_MINUTE".equals(e.getName()))
                        .map(EnvVar::getValue).findFirst()).orElse(null);
    }
}
