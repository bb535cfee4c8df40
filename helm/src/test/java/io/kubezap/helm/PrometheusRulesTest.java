package io.kubezap.helm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promtool test rules} on the alert rules the chart ships (files/prometheus-rules.yaml), with the cases of
 * src/test/promtool/prometheus-rules-test.yaml: each alert fires on its fixture series and stays quiet on the
 * near misses. promtool comes from Debian's prometheus package, which .ci/run installs.
 */
class PrometheusRulesTest {

    @Test
    void theAlertsFireOnTheirFixturesAndNotOnTheNearMisses() throws IOException, InterruptedException {
        Path promtool = Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(promtool != null,
                "promtool is not on the PATH (Debian: apt-get install prometheus; .ci/run does): the alert rules were NOT tested");

        Process run = new ProcessBuilder(promtool.toString(), "test", "rules", "prometheus-rules-test.yaml")
                .directory(Path.of("src", "test", "promtool").toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor()).as("promtool test rules:%n%s", output).isZero();
        assertThat(output).contains("SUCCESS");
    }
}
