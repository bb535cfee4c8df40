package io.kubezap.helm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promtool test rules} on the alert rules the chart ships (files/prometheus-rules.yaml), with the cases of
 * src/test/promtool/prometheus-rules-test.yaml (and of files/prometheus-rules-cloudnativepg.yaml, with
 * cloudnativepg-rules-test.yaml): each alert fires on its fixture series and stays quiet on the near misses. promtool comes from Debian's prometheus package, which .ci/run installs.
 */
class PrometheusRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"prometheus-rules-test.yaml", "cloudnativepg-rules-test.yaml"})
    void theAlertsFireOnTheirFixturesAndNotOnTheNearMisses(String cases) throws IOException, InterruptedException {
        Path promtool = OnThePath.find("promtool").orElse(null);
        Assumptions.assumeTrue(promtool != null,
                "promtool is not on the PATH (Debian: apt-get install prometheus; .ci/run does): the alert rules were NOT tested");

        Process run = new ProcessBuilder(promtool.toString(), "test", "rules", cases)
                .directory(Path.of("src", "test", "promtool").toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor()).as("promtool test rules:%n%s", output).isZero();
        assertThat(output).contains("SUCCESS");
    }
}
