package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.testing.apiserver.KubeBinaries;
import io.kubezap.testing.apiserver.RealApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code helm rollback} on a real kube-apiserver, through the Helm CLI ({@link HelmCli}; helm-java has no rollback):
 * to the revision before an upgrade, and forward again. What a user sees: {@code helm history}, the operator's
 * Deployment back to that revision's image and settings, the CRD still served and the sessions kept, no hook Job run
 * (the chart defines no rollback hook: its migrations run at install and upgrade only, docs/upgrades.md). The hook
 * Jobs of the install and the upgrade are reported done by {@link HookJobStandIn}: no node runs their pods. Skips
 * without KUBEZAP_HELM, KUBEZAP_KUBE_APISERVER or KUBEZAP_ETCD.
 */
class RealApiServerRollbackTest {

    private static final String OPERATOR = "kubezap-operator";
    private static final String KEYS_NAMESPACE = KubezapChart.NAMESPACE + "-gateway-keys";

    /** Rollback by one release (docs/upgrades.md): this chart upgraded to a copy that stands in for the next one. */
    @Test
    void rollbackByOneReleaseAndForwardAgain(@TempDir Path work) throws Exception {
        Path helmExecutable = HelmCli.executable();
        Path next = ChartVersions.nextRelease(work, "0.3.0");
        try (RealApiServer server = RealApiServer.start();
             HookJobStandIn jobs = new HookJobStandIn(server.admin(), KubezapChart.NAMESPACE)) {
            KubernetesClient client = server.admin();
            HelmCli helm = new HelmCli(helmExecutable, server.adminKubeconfig(), work.resolve("helm-home"));
            helm.run("install", KubezapChart.RELEASE, ChartVersions.current().toString(), "--namespace",
                    KubezapChart.NAMESPACE, "--create-namespace", "--timeout", "60s");
            WhatsAppSessions.awaitEstablished(client);
            Container installed = operator(client);
            helm.run("upgrade", KubezapChart.RELEASE, next.toString(), "--namespace", KubezapChart.NAMESPACE,
                    "--set", "operator.replicas=2", "--timeout", "60s");
            Container upgraded = operator(client);
            assertThat(upgraded.getImage()).isEqualTo("ghcr.io/kubezap/operator:0.3.0");
            assertThat(jobs.failures()).as("Job status writes the server refused").isEmpty();
            assertThat(jobs.completed()).as("post-install, pre-upgrade, post-upgrade hooks")
                    .containsExactly("kubezap-migrate", "kubezap-migrate-pre-upgrade", "kubezap-migrate");
            Kept kept = Kept.now(client, WhatsAppSessions.create(client, "loja-1"));

            helm.run("rollback", KubezapChart.RELEASE, "1", "--namespace", KubezapChart.NAMESPACE, "--timeout", "60s");

            assertThat(rows(helm)).containsExactly("1 superseded kubezap-0.2.0 Install complete",
                    "2 superseded kubezap-0.3.0 Upgrade complete", "3 deployed kubezap-0.2.0 Rollback to 1");
            assertThat(operator(client)).as("the operator as installed").isEqualTo(installed);
            assertThat(deployment(client, OPERATOR).getSpec().getReplicas()).as("revision 1's values").isEqualTo(1);
            kept.assertStill(client, "loja-2");
            kept.assertNoHookJobRan(client);

            helm.run("rollback", KubezapChart.RELEASE, "2", "--namespace", KubezapChart.NAMESPACE, "--timeout", "60s");

            assertThat(rows(helm)).endsWith("3 superseded kubezap-0.2.0 Rollback to 1",
                    "4 deployed kubezap-0.3.0 Rollback to 2");
            assertThat(operator(client)).as("the operator as upgraded").isEqualTo(upgraded);
            assertThat(deployment(client, OPERATOR).getSpec().getReplicas()).as("revision 2's values").isEqualTo(2);
            kept.assertStill(client, "loja-3");
            kept.assertNoHookJobRan(client);
        }
    }

    /**
     * A release of chart 0.1.0 rolled back from this chart (see {@link #rollBackTo010}) goes forward again with
     * {@code helm upgrade}: the upgrade diffs against revision 3, 0.1.0's, so the operator is this chart's again.
     */
    @Test
    void aReleaseRolledBackToChart010GoesForwardWithAnUpgrade(@TempDir Path work) throws Exception {
        afterARollbackTo010(work, (client, helm, jobs, rolledBack) -> {
            helm.run("upgrade", KubezapChart.RELEASE, ChartVersions.current().toString(), "--namespace",
                    KubezapChart.NAMESPACE, "--timeout", "60s");

            assertThat(rows(helm)).last().isEqualTo("4 deployed kubezap-0.2.0 Upgrade complete");
            assertThat(operator(client)).as("this chart's operator").isEqualTo(rolledBack.current());
            assertThat(deployment(client, "kubezap-pgbouncer")).isNotNull();
            assertThat(client.namespaces().withName(KEYS_NAMESPACE).get().getStatus().getPhase()).isEqualTo("Active");
            rolledBack.kept().assertStill(client, "loja-3");
            assertThat(jobs.failures()).as("Job status writes the server refused").isEmpty();
            assertThat(jobs.completed()).as("the upgrade's hooks, again").endsWith("kubezap-migrate-pre-upgrade",
                    "kubezap-migrate");
        });
    }

    /**
     * {@code helm rollback} back to the 0.2.0 revision, after a rollback to 0.1.0, is refused: Helm will not take over
     * the CRD that revision 3 kept (helm.sh/resource-policy: keep) but does not hold. That failed revision 4 then becomes
     * what the next upgrade diffs against, so 0.1.0's settings that 0.2.0 dropped stay on the operator.
     */
    @Test
    void aRollbackForwardFromChart010IsRefusedAndLeaves010sSettingsToTheNextUpgrade(@TempDir Path work) throws Exception {
        afterARollbackTo010(work, (client, helm, jobs, rolledBack) -> {
            assertThatThrownBy(() -> helm.run("rollback", KubezapChart.RELEASE, "2", "--namespace",
                    KubezapChart.NAMESPACE, "--timeout", "60s"))
                    .hasMessageContaining("no CustomResourceDefinition with the name \"" + WhatsAppSessions.CRD + "\" found");
            helm.run("upgrade", KubezapChart.RELEASE, ChartVersions.current().toString(), "--namespace",
                    KubezapChart.NAMESPACE, "--timeout", "60s");

            assertThat(rows(helm)).endsWith("4 superseded kubezap-0.2.0 Rollback \"kubezap\" failed: no CustomResourceDefinition"
                    + " with the name \"" + WhatsAppSessions.CRD + "\" found", "5 deployed kubezap-0.2.0 Upgrade complete");
            assertThat(envNames(rolledBack.v010())).contains("KUBEZAP_POLL_THREADS");
            assertThat(envNames(rolledBack.current())).doesNotContain("KUBEZAP_POLL_THREADS");
            assertThat(envNames(operator(client))).as("0.1.0's setting left behind").contains("KUBEZAP_POLL_THREADS");
            assertThat(jobs.failures()).isEmpty();
        });
    }

    /** Runs {@code then} on a real API server where a release was rolled back to chart 0.1.0 ({@link #rollBackTo010}). */
    private static void afterARollbackTo010(Path work, AfterRollback then) throws Exception {
        Path helmExecutable = HelmCli.executable();
        KubeBinaries.KUBE_CONTROLLER_MANAGER.require();
        Path previous = ChartVersions.v010FromHistory(work);
        try (RealApiServer server = RealApiServer.start();
             HookJobStandIn jobs = new HookJobStandIn(server.admin(), KubezapChart.NAMESPACE)) {
            HelmCli helm = new HelmCli(helmExecutable, server.adminKubeconfig(), work.resolve("helm-home"));
            then.run(server.admin(), helm, jobs, rollBackTo010(server, helm, previous));
        }
    }

    /** What a test does after the rollback to 0.1.0. */
    @FunctionalInterface
    private interface AfterRollback {
        void run(KubernetesClient client, HelmCli helm, HookJobStandIn jobs, RolledBack rolledBack) throws Exception;
    }

    /**
     * Chart 0.1.0 (git history, installed on this chart's CRD, see {@link ChartVersions}) upgraded to this chart and
     * rolled back to 0.1.0 (after restoring the database, docs/upgrades.md). The gateway's keys namespace, new in 0.2.0,
     * goes with the rollback; kube-controller-manager runs from the rollback on, as its namespace controller ends that
     * deletion (without it the namespace stays Terminating and Helm cannot make it again). Its job controller finds the
     * hook Jobs done already.
     */
    private static RolledBack rollBackTo010(RealApiServer server, HelmCli helm, Path previous) throws Exception {
        KubernetesClient client = server.admin();
        ChartVersions.applyCurrentCrd(client);
        helm.run("install", KubezapChart.RELEASE, previous.toString(), "--namespace", KubezapChart.NAMESPACE,
                "--create-namespace", "--skip-crds", "--timeout", "60s");
        Container v010 = operator(client);
        ChartVersions.adoptCrd(client);
        helm.run("upgrade", KubezapChart.RELEASE, ChartVersions.current().toString(), "--namespace",
                KubezapChart.NAMESPACE, "--timeout", "60s");
        Container current = operator(client);
        assertThat(v010.getImage()).isEqualTo("ghcr.io/kubezap/operator:0.1.0");
        assertThat(current.getImage()).isEqualTo("ghcr.io/kubezap/operator:0.2.0");
        Kept kept = Kept.now(client, WhatsAppSessions.create(client, "loja-1"));
        server.startControllerManager();

        helm.run("rollback", KubezapChart.RELEASE, "1", "--namespace", KubezapChart.NAMESPACE, "--timeout", "60s");

        assertThat(rows(helm)).containsExactly("1 superseded kubezap-0.1.0 Install complete",
                "2 superseded kubezap-0.2.0 Upgrade complete", "3 deployed kubezap-0.1.0 Rollback to 1");
        assertThat(operator(client)).as("0.1.0's operator").isEqualTo(v010);
        assertThat(deployment(client, "kubezap-pgbouncer")).as("new in 0.2.0").isNull();
        kept.assertStill(client, "loja-2");
        kept.assertNoHookJobRan(client);
        client.namespaces().withName(KEYS_NAMESPACE).waitUntilCondition(n -> n == null, 60, TimeUnit.SECONDS);
        return new RolledBack(v010, current, kept);
    }

    /** The operator container of revision 1 (0.1.0) and 2 (this chart), and what the rollback kept. */
    private record RolledBack(Container v010, Container current, Kept kept) {
    }

    private static List<String> envNames(Container container) {
        return container.getEnv().stream().map(EnvVar::getName).toList();
    }

    /** {@code helm history}, a line a revision: number, status, chart, description. */
    private static List<String> rows(HelmCli helm) throws Exception {
        return helm.history(KubezapChart.RELEASE, KubezapChart.NAMESPACE).stream()
                .map(r -> r.revision() + " " + r.status() + " " + r.chart() + " " + r.description()).toList();
    }

    private static Deployment deployment(KubernetesClient client, String name) {
        return client.apps().deployments().inNamespace(KubezapChart.NAMESPACE).withName(name).get();
    }

    private static Container operator(KubernetesClient client) {
        return deployment(client, OPERATOR).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** What a rollback must leave as it was: the CRD (same object), a session, and the hook Jobs (none run). */
    private record Kept(String crdUid, String sessionName, String sessionUid, Map<String, String> hookJobUids) {

        static Kept now(KubernetesClient client, HasMetadata session) {
            return new Kept(crd(client).getMetadata().getUid(), session.getMetadata().getName(),
                    session.getMetadata().getUid(), hookJobUids(client));
        }

        /** The same CRD, still serving: the session there, and a new one ({@code newSession}) accepted. */
        void assertStill(KubernetesClient client, String newSession) {
            CustomResourceDefinition crd = crd(client);
            assertThat(crd).as("the CRD kept (helm.sh/resource-policy: keep)").isNotNull();
            assertThat(crd.getMetadata().getUid()).as("the same CRD").isEqualTo(crdUid);
            HasMetadata session = WhatsAppSessions.get(client, sessionName);
            assertThat(session).as("the session kept").isNotNull();
            assertThat(session.getMetadata().getUid()).as("the same session").isEqualTo(sessionUid);
            assertThat(WhatsAppSessions.create(client, newSession).getMetadata().getUid()).isNotBlank();
        }

        /** The hook Jobs as they were: the chart defines no rollback hook. */
        void assertNoHookJobRan(KubernetesClient client) {
            assertThat(hookJobUids(client)).as("no hook Job run").isEqualTo(hookJobUids);
        }

        private static CustomResourceDefinition crd(KubernetesClient client) {
            return client.apiextensions().v1().customResourceDefinitions().withName(WhatsAppSessions.CRD).get();
        }

        private static Map<String, String> hookJobUids(KubernetesClient client) {
            return client.batch().v1().jobs().inNamespace(KubezapChart.NAMESPACE).list().getItems().stream()
                    .collect(Collectors.toMap(job -> job.getMetadata().getName(), job -> job.getMetadata().getUid()));
        }
    }
}
