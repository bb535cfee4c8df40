package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chart versions a test installs on a real API server: this one, the previous one (0.1.0, from the repository's
 * history) and a stand-in for the next one. 0.1.0's own CRD is refused by every server that knows the rules' reason
 * field (1.28 on; the chart asks for 1.29), so a 0.1.0 release is installed without it (--skip-crds) on this chart's
 * CRD, applied by hand, and adopts that CRD before upgrading, as helm/README.md says.
 */
final class ChartVersions {

    /** The last commit whose chart is version 0.1.0 (the next one, 843f388a, moved it to 0.2.0). */
    static final String COMMIT_0_1_0 = "67898b399b31f3183f54e486b76adeaa33591a4d";

    private ChartVersions() {
    }

    /** This module's chart, helm/kubezap. */
    static Path current() {
        return Path.of(System.getProperty("kubezap.chartDir", "kubezap")).toAbsolutePath();
    }

    /** helm/kubezap as of {@link #COMMIT_0_1_0}, extracted under {@code work}; skips where the checkout lacks that history. */
    static Path v010FromHistory(Path work) throws IOException, InterruptedException {
        Path repository = current().getParent().getParent();
        Process archive = new ProcessBuilder("sh", "-c", "git -C \"$0\" archive " + COMMIT_0_1_0 + " helm/kubezap | tar -x -C \"$1\"",
                repository.toString(), work.toString()).redirectErrorStream(true).start();
        String output = new String(archive.getInputStream().readAllBytes());
        Assumptions.assumeTrue(archive.waitFor() == 0, () -> "chart 0.1.0 not in this checkout's history ("
                + COMMIT_0_1_0 + "): " + output);
        return work.resolve("helm/kubezap");
    }

    /**
     * A copy of this chart under {@code work} with its version and appVersion (and so the images' tag) moved to
     * {@code version}: the next release, for an upgrade and a rollback by one release.
     */
    static Path nextRelease(Path work, String version) throws IOException {
        Path copy = ChartCopy.of(current(), work.resolve("kubezap-" + version));
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^version: .*$", "version: " + version)
                .replaceAll("(?m)^appVersion: .*$", "appVersion: \"" + version + "\""));
        return copy;
    }

    /** This chart's CRD, applied by hand (server-side apply), for a 0.1.0 release installed with --skip-crds. */
    static void applyCurrentCrd(KubernetesClient client) throws IOException {
        client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(
                Files.readString(current().resolve("files/crds/whatsappsessions.kubezap.io-v1.yml")),
                CustomResourceDefinition.class)).serverSideApply();
    }

    /** The release's labels and annotations on the CRD, so the upgrade to this chart takes it over. */
    static void adoptCrd(KubernetesClient client) {
        client.apiextensions().v1().customResourceDefinitions().withName(WhatsAppSessions.CRD).edit(crd -> {
            crd.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "Helm");
            crd.getMetadata().getAnnotations().put("meta.helm.sh/release-name", KubezapChart.RELEASE);
            crd.getMetadata().getAnnotations().put("meta.helm.sh/release-namespace", KubezapChart.NAMESPACE);
            return crd;
        });
    }
}
