package io.kubezap.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 53, item 3: versions that move. Chart.yaml's Artifact Hub annotations say what this release is (its images,
 * its changes, its license) and agree with what the chart renders and with CHANGELOG.md; every kubezap image can be
 * pinned by digest, and the operator hands the session pods the pinned reference.
 */
class ChartReleaseTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final KubezapChart chart = KubezapChart.inModule();

    @TempDir
    Path workDir;

    @Test
    void theArtifactHubImagesAreEveryImageTheChartRuns() throws IOException {
        Set<String> annotated = new TreeSet<>();
        for (Map<String, String> image : annotationList("artifacthub.io/images")) {
            annotated.add(image.get("image"));
        }

        assertThat(annotated).isEqualTo(renderedImages(Map.of("postgresql.pooler.enabled", true, "helmTest.enabled", true)));
        assertThat(annotated).as("kubezap's own images at the appVersion").contains(
                "ghcr.io/kubezap/operator:" + chartYaml().get("appVersion"),
                "ghcr.io/kubezap/session-pod:" + chartYaml().get("appVersion"));
    }

    @Test
    void theArtifactHubChangesAreThisVersionsChangelog() throws IOException {
        String version = (String) chartYaml().get("version");
        assertThat(chartYaml().get("appVersion")).as("one version for the chart and the images it runs").isEqualTo(version);
        List<String> changelog = changelogEntries(version);

        assertThat(changelog).as("CHANGELOG.md has a section for " + version).isNotEmpty();
        assertThat(annotationList("artifacthub.io/changes").stream().map(change -> change.get("kind") + ": " + change.get("description")))
                .containsExactlyElementsOf(changelog);
    }

    @Test
    void theLicenseAnnotationAssertsNothingTheRepositoryDoesNot() throws IOException {
        String license = annotations().get("artifacthub.io/license");
        boolean licensed = Stream.of("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING").anyMatch(name -> Files.exists(repository().resolve(name)));

        assertThat(license).as("an SPDX expression").matches("[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*");
        if (licensed) {
            assertThat(license).as("the repository has a license file now: name it").isNotEqualTo("NOASSERTION");
        } else {
            assertThat(license).as("no license file in the repository").isEqualTo("NOASSERTION");
        }
    }

    @Test
    void everyKubezapImageCanBePinnedByDigest() throws IOException {
        Map<String, Object> pinned = Map.of("operator.image.digest", DIGEST, "gateway.image.digest", DIGEST,
                "session.image.digest", DIGEST, "session.baileysImage.digest", DIGEST);

        Manifests manifests = chart.withHooksAsObjects(workDir).render(pinned);

        assertThat(container(manifests.one(Deployment.class, "kubezap-operator").getSpec().getTemplate().getSpec()).getImage())
                .isEqualTo("ghcr.io/kubezap/operator@" + DIGEST);
        assertThat(container(manifests.one(Deployment.class, "kubezap-gateway").getSpec().getTemplate().getSpec()).getImage())
                .isEqualTo("ghcr.io/kubezap/gateway@" + DIGEST);
        assertThat(manifests.operatorEnv()).as("what the operator puts in every session pod")
                .containsEntry("KUBEZAP_SESSION_IMAGE", "ghcr.io/kubezap/session-pod@" + DIGEST)
                .containsEntry("KUBEZAP_SESSION_BAILEYS_IMAGE", "ghcr.io/kubezap/session-pod-baileys@" + DIGEST);
        assertThat(container(manifests.one(Job.class, "kubezap-migrate-pre-upgrade").getSpec().getTemplate().getSpec()).getImage())
                .as("the migrations come from the pinned session image").isEqualTo("ghcr.io/kubezap/session-pod@" + DIGEST);
    }

    @Test
    void aDigestThatIsNotOneIsRejected() {
        assertThatThrownBy(() -> chart.render(Map.of("session.image.digest", "0.2.0"))).hasMessageContaining("digest");
        assertThatThrownBy(() -> chart.render(Map.of("operator.image.digest", "sha256:abc"))).hasMessageContaining("digest");
    }

    private Set<String> renderedImages(Map<String, Object> values) throws IOException {
        Manifests manifests = chart.withHooksAsObjects(workDir).render(values);
        List<PodSpec> pods = new ArrayList<>();
        manifests.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        manifests.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        manifests.all(Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        manifests.all(Pod.class).forEach(p -> pods.add(p.getSpec()));
        Set<String> images = new TreeSet<>();
        for (PodSpec pod : pods) {
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).map(Container::getImage).forEach(images::add);
        }
        images.add(manifests.operatorEnv().get("KUBEZAP_SESSION_IMAGE"));
        images.add(manifests.operatorEnv().get("KUBEZAP_SESSION_BAILEYS_IMAGE"));
        return images;
    }

    private static Container container(PodSpec pod) {
        return pod.getContainers().getFirst();
    }

    /** The {@code - kind/description} lines under CHANGELOG.md's {@code ## [version]} heading. */
    private static List<String> changelogEntries(String version) throws IOException {
        String changelog = Files.readString(repository().resolve("CHANGELOG.md"));
        Matcher section = Pattern.compile("(?ms)^## \\[" + Pattern.quote(version) + "\\][^\\n]*\\n(.*?)(?=^## |\\z)").matcher(changelog);
        if (!section.find()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        String kind = null;
        for (String line : section.group(1).lines().toList()) {
            if (line.startsWith("### ")) {
                kind = line.substring(4).strip().toLowerCase();
            } else if (line.startsWith("- ")) {
                entries.add(kind + ": " + line.substring(2).strip());
            }
        }
        return entries;
    }

    private List<Map<String, String>> annotationList(String name) throws IOException {
        return YAML.readValue(annotations().get(name), new TypeReference<>() { });
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> annotations() throws IOException {
        return (Map<String, String>) chartYaml().get("annotations");
    }

    private Map<String, Object> chartYaml() throws IOException {
        return YAML.readValue(chart.file("Chart.yaml").toFile(), new TypeReference<>() { });
    }

    private static Path repository() {
        return KubezapChart.inModule().file("Chart.yaml").getParent().getParent().getParent();
    }
}
