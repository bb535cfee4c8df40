package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same API through the real kubectl client, as far as the mock API lets it: the mock serves no discovery
 * ({@code /api}, {@code /apis}) and no OpenAPI, so {@code kubectl apply}, {@code get was} and printer columns cannot
 * work, and it reads no body from {@code kubectl create --raw -f} ("No resource or invalid resource provided"), so
 * the manifest is created through the Java client; reading and deleting through {@code --raw} paths work.
 * {@code examples/session-suspended.yaml}: created suspended, it gets its objects but no running pod; deleted with
 * kubectl, it goes with them.
 */
class KubectlIT {

    static final String SESSIONS = "/apis/kubezap.io/v1alpha1/namespaces/default/whatsappsessions";

    private final TheSystem system = TheSystem.get();

    @Test
    void aSuspendedExampleCreatedWithKubectlShowsPhaseSuspendedAndRunsNoPod() throws Exception {
        var found = Kubectl.onPath(system.kubeconfig(), system.workDir().resolve("kubectl-home"));
        assumeTrue(found.isPresent(), "kubectl is not on the PATH (install it as kubernetes.io/docs/tasks/tools says): "
                + "kubectl against the API was NOT tested");
        Kubectl kubectl = found.get();
        system.apply("examples/session-suspended.yaml", yaml -> yaml);

        TheSystem.await("kubectl to show phase Suspended", () ->
                "Suspended".equals(read(kubectl, SESSIONS + "/marketing").path("status").path("phase").asText()));
        JsonNode set = read(kubectl, "/apis/apps/v1/namespaces/default/statefulsets/marketing");
        assertThat(set.path("spec").path("replicas").asInt()).isZero();
        assertThat(system.node().pod(TheSystem.NAMESPACE, "marketing-0")).isEmpty();

        kubectl.ok("delete", "--raw", SESSIONS + "/marketing");
        TheSystem.await("the session to be gone", () -> kubectl.run("get", "--raw", SESSIONS + "/marketing").exitCode() != 0);
        TheSystem.await("its StatefulSet to be collected", () -> system.client().apps().statefulSets()
                .inNamespace(TheSystem.NAMESPACE).withName("marketing").get() == null);
    }

    private static JsonNode read(Kubectl kubectl, String path) throws Exception {
        return TheSystem.JSON.readTree(kubectl.ok("get", "--raw", path));
    }
}
