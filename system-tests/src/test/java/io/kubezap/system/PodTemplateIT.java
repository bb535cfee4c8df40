package io.kubezap.system;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/session-pod-template.yaml} applied to the running operator: the StatefulSet it renders carries the
 * session's placement, pull secret, priority, labels, annotations and extra environment, and the node runs the pod
 * with that environment (the pod then offers a QR, so the extra variable did not stop it).
 */
class PodTemplateIT {

    static final String SESSION = "loja-04";

    private final TheSystem system = TheSystem.get();

    @Test
    void theExamplesPodTemplateReachesTheStatefulSetAndTheRunningPod() throws Exception {
        system.client().resource(new PriorityClassBuilder().withNewMetadata().withName("whatsapp-sessions").endMetadata()
                .withValue(1000).build()).createOr(NonDeletingOperation::update);
        system.apply("examples/session-pod-template.yaml", yaml -> yaml);
        try {
            PodSpec pod = awaitStatefulSet().getSpec().getTemplate().getSpec();
            assertThat(pod.getImagePullSecrets()).containsExactly(new LocalObjectReference("registry-credentials"));
            assertThat(pod.getNodeSelector()).containsEntry("kubezap.io/sessions", "true");
            assertThat(pod.getTolerations()).containsExactly(new TolerationBuilder().withKey("dedicated")
                    .withOperator("Equal").withValue("whatsapp").withEffect("NoSchedule").build());
            assertThat(pod.getTopologySpreadConstraints()).singleElement()
                    .satisfies(spread -> assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
            assertThat(pod.getPriorityClassName()).isEqualTo("whatsapp-sessions");
            assertThat(pod.getServiceAccountName()).isEqualTo("kubezap-session");
            assertThat(pod.getContainers().getFirst().getEnv()).contains(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null));
            var template = awaitStatefulSet().getSpec().getTemplate().getMetadata();
            assertThat(template.getLabels()).containsEntry("team", "shop");
            assertThat(template.getAnnotations()).containsEntry("cost-center", "4711");

            system.awaitSession(SESSION, "a QR from the pod the node runs", session -> session.getStatus().getPairing() != null);
            long pid = system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").orElseThrow().process().orElseThrow().pid();
            assertThat(environment(pid)).contains("KUBEZAP_SEND_MAX_ATTEMPTS=8");
        } finally {
            system.client().resources(WhatsAppSession.class).inNamespace(TheSystem.NAMESPACE).withName(SESSION).delete();
        }
        TheSystem.await("the session to be gone", () -> system.session(SESSION) == null);
    }

    private StatefulSet awaitStatefulSet() {
        TheSystem.await("the operator to render the StatefulSet", () -> system.client().apps().statefulSets()
                .inNamespace(TheSystem.NAMESPACE).withName(SESSION).get() != null);
        return system.client().apps().statefulSets().inNamespace(TheSystem.NAMESPACE).withName(SESSION).get();
    }

    /** The variables the pod's process was started with, as the kernel keeps them. */
    private static List<String> environment(long pid) throws IOException {
        byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        return Arrays.asList(new String(environ, StandardCharsets.UTF_8).split("\0"));
    }
}
