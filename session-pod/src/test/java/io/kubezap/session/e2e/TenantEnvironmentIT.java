package io.kubezap.session.e2e;

import io.kubezap.session.testing.PodProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

/**
 * Issue 51, item 2: the cluster admin's egress lists hold against a tenant's environment. The operator sets
 * KUBEZAP_MEDIA_URL_ALLOW_LIST (here: only 127.0.0.2); the tenant's env tries to widen it as the same setting in the
 * spellings Quarkus reads as it, and as a system property through JAVA_TOOL_OPTIONS (which Quarkus ranks above the
 * environment). The packaged pod still refuses sends by URL to loopback and to the cloud metadata address, and a pod
 * given the system property does not start at all.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantEnvironmentIT {
    private static final String OWNER = "5511999990051";
    private static final String CUSTOMER = "5511988880051";
    private static final String WIDENED = "127.0.0.1,169.254.169.254";

    private PodAgainstSimulator world;

    @BeforeAll
    void startALinkedSessionWithATenantsHostileEnvironment() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "tenant-environment-it-");
        world = PodAgainstSimulator.create(workDir, "loja-51", Map.of(
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2",
                "kubezap.media.url-allow-list", WIDENED,
                "kubezap_media_url_allow_list", WIDENED));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void sendsByUrlStayRefusedWhatTheTenantsEnvironmentAllows() {
        for (String url : new String[]{"http://127.0.0.1:9/cat.png", "http://169.254.169.254/latest/meta-data/cat.png"}) {
            world.api().body(Map.of("to", CUSTOMER, "type", "image", "media", Map.of("url", url))).post("/messages")
                    .then().statusCode(400).contentType("application/problem+json").body("type", endsWith("url-not-allowed"));
        }
    }

    @Test
    void aPodGivenTheListAsASystemPropertyDoesNotStart() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "tenant-environment-it-sysprop-");
        PodProcess pod = PodProcess.start(List.of(), Map.of(
                "KUBEZAP_SESSION", "loja-51b", "KUBEZAP_API_KEY", "tenant-environment-it-key",
                "KUBEZAP_DATA_DIR", dataDir.toString(),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PodProcess.freePort() + "/kubezap",
                "QUARKUS_DATASOURCE_USERNAME", "session", "QUARKUS_DATASOURCE_PASSWORD", "session",
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2",
                "JAVA_TOOL_OPTIONS", "-Dkubezap.media.url-allow-list=" + WIDENED), "e2e-TenantEnvironmentIT-sysprop-pod");
        try {
            assertThat(pod.exitCode(90)).as("the pod stops instead of taking the tenant's list").isPresent();
            assertThat(Files.readString(Path.of("target", "e2e-TenantEnvironmentIT-sysprop-pod.log")))
                    .contains("kubezap.media.url-allow-list").contains("does not map");
        } finally {
            pod.close();
        }
    }
}
