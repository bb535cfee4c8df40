package io.kubezap.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubezap.testing.apiserver.RealApiServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart on a real kube-apiserver (RBAC, the CRD's schema and CEL rules, Helm's release Secrets, the hook Jobs Helm
 * waits for): install, an upgrade with changed values, and an uninstall that keeps the CRD and the sessions. No
 * controller or node runs: nothing the chart makes is started; the hook Jobs are reported done by
 * {@link HookJobStandIn}. Skips without the binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD).
 */
class RealApiServerChartTest {

    private static final String CRD = "whatsappsessions.kubezap.io";
    /** The last commit whose chart is version 0.1.0 (the next one, 843f388a, moved it to 0.2.0). */
    private static final String CHART_0_1_0 = "67898b399b31f3183f54e486b76adeaa33591a4d";
    private static final ResourceDefinitionContext SESSIONS = new ResourceDefinitionContext.Builder()
            .withGroup("kubezap.io").withVersion("v1alpha1").withPlural("whatsappsessions").withNamespaced(true).build();

    @Test
    void installUpgradeAndUninstallKeepTheCrdAndTheSessions() throws Exception {
        try (RealApiServer server = RealApiServer.start();
             HookJobStandIn jobs = new HookJobStandIn(server.admin(), KubezapChart.NAMESPACE)) {
            KubernetesClient client = server.admin();
            Path kubeconfig = server.adminKubeconfig();
            Path chart = Path.of(System.getProperty("kubezap.chartDir", "kubezap")).toAbsolutePath();

            Release installed;
            try {
                installed = new Helm(chart).install().withName(KubezapChart.RELEASE)
                        .withNamespace(KubezapChart.NAMESPACE).createNamespace().withKubeConfig(kubeconfig)
                        .withTimeout(60).call();
            } finally {
                assertThat(jobs.failures()).as("Job status writes the server refused").isEmpty();
            }

            assertThat(installed.getStatus()).isEqualTo("deployed");
            assertThat(jobs.completed()).as("post-install hook").containsExactly("kubezap-migrate");
            client.apiextensions().v1().customResourceDefinitions().withName(CRD)
                    .waitUntilCondition(RealApiServerChartTest::established, 30, TimeUnit.SECONDS);
            GenericKubernetesResource session = client.genericKubernetesResources(SESSIONS).inNamespace("default")
                    .resource(session("loja-1")).create();
            assertThat(session.getMetadata().getUid()).isNotBlank();
            assertThat(client.apps().deployments().inNamespace(KubezapChart.NAMESPACE).withName("kubezap-operator").get()
                    .getSpec().getReplicas()).isEqualTo(1);

            Release upgraded = new Helm(chart).upgrade().withName(KubezapChart.RELEASE)
                    .withNamespace(KubezapChart.NAMESPACE).withKubeConfig(kubeconfig).set("operator.replicas", "2")
                    .withTimeout(120).call();

            assertThat(upgraded.getStatus()).isEqualTo("deployed");
            assertThat(upgraded.getRevision()).isEqualTo("2");
            assertThat(jobs.completed()).as("pre-upgrade, then post-upgrade hooks")
                    .containsExactly("kubezap-migrate", "kubezap-migrate-pre-upgrade", "kubezap-migrate");
            assertThat(client.apps().deployments().inNamespace(KubezapChart.NAMESPACE).withName("kubezap-operator").get()
                    .getSpec().getReplicas()).isEqualTo(2);

            Helm.uninstall(KubezapChart.RELEASE).withNamespace(KubezapChart.NAMESPACE).withKubeConfig(kubeconfig).call();

            assertThat(client.apps().deployments().inNamespace(KubezapChart.NAMESPACE).withName("kubezap-operator").get())
                    .as("the release's objects are gone").isNull();
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                    .as("the CRD stays (helm.sh/resource-policy: keep)").isNotNull();
            assertThat(client.genericKubernetesResources(SESSIONS).inNamespace("default").withName("loja-1").get())
                    .as("and with it the sessions").isNotNull();
        }
    }

    /**
     * The last chart at version 0.1.0 (git history) upgraded to this one. 0.1.0's own CRD is refused by every API
     * server that knows the rules' reason field (1.28 on; the chart asks for 1.29), so the release is installed without
     * it (--skip-crds) on the CRD of this chart, applied by hand, and adopts it as helm/README.md says before upgrading.
     */
    @Test
    void aReleaseOfChart010AdoptsTheCrdAndUpgradesToThisChart(@TempDir Path work) throws Exception {
        Path previous = previousChart(work);
        try (RealApiServer server = RealApiServer.start();
             HookJobStandIn jobs = new HookJobStandIn(server.admin(), KubezapChart.NAMESPACE)) {
            KubernetesClient client = server.admin();
            Path kubeconfig = server.adminKubeconfig();
            Path chart = Path.of(System.getProperty("kubezap.chartDir", "kubezap")).toAbsolutePath();
            client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(
                    Files.readString(chart.resolve("files/crds/whatsappsessions.kubezap.io-v1.yml")),
                    CustomResourceDefinition.class)).serverSideApply();
            new Helm(previous).install().withName(KubezapChart.RELEASE).withNamespace(KubezapChart.NAMESPACE)
                    .createNamespace().skipCrds().withKubeConfig(kubeconfig).withTimeout(60).call();
            client.apiextensions().v1().customResourceDefinitions().withName(CRD).edit(crd -> {
                crd.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "Helm");
                crd.getMetadata().getAnnotations().put("meta.helm.sh/release-name", KubezapChart.RELEASE);
                crd.getMetadata().getAnnotations().put("meta.helm.sh/release-namespace", KubezapChart.NAMESPACE);
                return crd;
            });

            Release upgraded = new Helm(chart).upgrade().withName(KubezapChart.RELEASE)
                    .withNamespace(KubezapChart.NAMESPACE).withKubeConfig(kubeconfig).withTimeout(60).call();

            assertThat(jobs.failures()).isEmpty();
            assertThat(upgraded.getStatus()).isEqualTo("deployed");
            assertThat(upgraded.getRevision()).isEqualTo("2");
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CRD).get().getMetadata()
                    .getAnnotations()).as("the CRD is now the release's").containsEntry("helm.sh/resource-policy", "keep");
        }
    }

    /** helm/kubezap as of the last commit whose chart is version 0.1.0, from the repository's history. */
    private static Path previousChart(Path work) throws Exception {
        Path repository = Path.of(System.getProperty("kubezap.chartDir", "kubezap")).toAbsolutePath().getParent().getParent();
        Process archive = new ProcessBuilder("sh", "-c", "git -C \"$0\" archive " + CHART_0_1_0 + " helm/kubezap | tar -x -C \"$1\"",
                repository.toString(), work.toString()).redirectErrorStream(true).start();
        String output = new String(archive.getInputStream().readAllBytes());
        Assumptions.assumeTrue(archive.waitFor() == 0, () -> "chart 0.1.0 not in this checkout's history ("
                + CHART_0_1_0 + "): " + output);
        return work.resolve("helm/kubezap");
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static GenericKubernetesResource session(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion("kubezap.io/v1alpha1").withKind("WhatsAppSession")
                .withNewMetadata().withName(name).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("displayName", "Loja 1"))).build();
    }
}
