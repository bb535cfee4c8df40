package io.kubezap.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    private static final KubezapChart CHART = KubezapChart.inModule();

    @Test
    void defaultValuesLintCleanInStrictMode() {
        LintResult result = CHART.lintStrict();

        assertThat(result.isFailed()).as("helm lint --strict:%n%s", String.join("\n", result.getMessages())).isFalse();
    }

    static Stream<Path> ciValuesFiles() throws IOException {
        return CHART.ciValuesFiles();
    }

    @Test
    void ciHoldsOneValuesFilePerInstallScenario() throws IOException {
        assertThat(CHART.ciValuesFiles().map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                "bundled-postgresql-values.yaml", "external-postgresql-values.yaml",
                "namespaced-values.yaml", "networkpolicy-values.yaml", "pod-template-values.yaml", "event-sinks-values.yaml");
    }

    @ParameterizedTest
    @MethodSource("ciValuesFiles")
    void ciValuesFileLintsCleanInStrictMode(Path valuesFile, @TempDir Path workDir) throws IOException {
        LintResult result = CHART.lintStrict(valuesFile, workDir);

        assertThat(result.isFailed()).as("helm lint --strict -f %s:%n%s", valuesFile.getFileName(),
                String.join("\n", result.getMessages())).isFalse();
    }
}
