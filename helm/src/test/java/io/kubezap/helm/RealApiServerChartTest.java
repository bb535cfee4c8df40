package io.kubezap.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.testing.apiserver.RealApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart on a real kube-apiserver (RBAC, the CRD's schema and CEL rules, Helm's release Secrets, the hook Jobs Helm
 * waits for): install, an upgrade with changed values, and an uninstall that keeps the CRD and the sessions. No
 * controller or node runs: nothing the chart makes is started; the hook Jobs are reported done by
 * {@link HookJobStandIn}. Skips without the binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD).
 */
class RealApiServerChartTest {

    @Test
    void installUpgradeAndUninstallKeepTheCrdAndTheSessions() throws Exception {
        try (RealApiServer server = RealApiServer.start();
             HookJobStandIn jobs = new HookJobStandIn(server.admin(), KubezapChart.NAMESPACE)) {
            KubernetesClient client = server.admin();
            Path kubeconfig = server.adminKubeconfig();
            Path chart = ChartVersions.current();

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
            WhatsAppSessions.awaitEstablished(client);
            GenericKubernetesResource session = WhatsAppSessions.create(client, "loja-1");
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
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName(WhatsAppSessions.CRD).get())
                    .as("the CRD stays (helm.sh/resource-policy: keep)").isNotNull();
            assertThat(WhatsAppSessions.get(client, "loja-1")).as("and with it the sessions").isNotNull();
        }
    }

    /** The last chart at version 0.1.0 (git history, see {@link ChartVersions}) upgraded to this one. */
    @Test
    void aReleaseOfChart010AdoptsTheCrdAndUpgradesToThisChart(@TempDir Path work) throws Exception {
        Path previous = ChartVersions.v010FromHistory(work);
        try (RealApiServer server = RealApiServer.start();
             HookJobStandIn jobs = new HookJobStandIn(server.admin(), KubezapChart.NAMESPACE)) {
            KubernetesClient client = server.admin();
            Path kubeconfig = server.adminKubeconfig();
            Path chart = ChartVersions.current();
            ChartVersions.applyCurrentCrd(client);
            new Helm(previous).install().withName(KubezapChart.RELEASE).withNamespace(KubezapChart.NAMESPACE)
                    .createNamespace().skipCrds().withKubeConfig(kubeconfig).withTimeout(60).call();
            ChartVersions.adoptCrd(client);

            Release upgraded = new Helm(chart).upgrade().withName(KubezapChart.RELEASE)
                    .withNamespace(KubezapChart.NAMESPACE).withKubeConfig(kubeconfig).withTimeout(60).call();

            assertThat(jobs.failures()).isEmpty();
            assertThat(upgraded.getStatus()).isEqualTo("deployed");
            assertThat(upgraded.getRevision()).isEqualTo("2");
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName(WhatsAppSessions.CRD).get().getMetadata()
                    .getAnnotations()).as("the CRD is now the release's").containsEntry("helm.sh/resource-policy", "keep");
        }
    }
}
