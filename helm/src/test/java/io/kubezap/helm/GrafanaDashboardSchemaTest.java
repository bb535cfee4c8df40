package io.kubezap.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chart's Grafana dashboard checked against Grafana's own published dashboard model: the {@code Dashboard} type of
 * the npm package {@code @grafana/schema} (generated from the schema Grafana validates with), by the TypeScript compiler
 * in strict mode. The dashboard is written as an object literal typed {@code Dashboard}, so a missing required field, a
 * wrong type or a property the model does not have is a compile error. Grafana's string enums are compared as the
 * strings a JSON file holds. Both packages are pinned in src/test/grafana/package-lock.json and installed by the build
 * (scripts/npm-ci).
 */
class GrafanaDashboardSchemaTest {

    private static final Path CHECKER = Path.of("src", "test", "grafana").toAbsolutePath();
    private static final Path DASHBOARD = Path.of("kubezap", "files", "grafana-dashboard.json");

    @Test
    void theDashboardIsAValidGrafanaDashboard() throws IOException, InterruptedException {
        Path compiler = CHECKER.resolve("node_modules/typescript/bin/tsc");
        assumeTrue(Files.exists(compiler) || System.getenv("CI") != null,
                "the dashboard was NOT checked against Grafana's model: helm/src/test/grafana's npm packages are not"
                        + " installed; the build installs them (scripts/npm-ci) where npm is on the PATH (Debian: apt-get"
                        + " install nodejs npm)");

        assumeTrue(OnThePath.find("node").isPresent() || System.getenv("CI") != null,
                "the dashboard was NOT checked against Grafana's model: node is not installed (Debian: apt-get install"
                        + " nodejs)");

        Path source = CHECKER.resolve("generated/dashboard.ts");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                import type { Dashboard } from '@grafana/schema';
                type AsJson<T> = T extends string ? `${T}` : T extends (infer E)[] ? AsJson<E>[]
                        : T extends object ? { [K in keyof T]: AsJson<T[K]> } : T;
                export const dashboard: AsJson<Dashboard> = %s;
                """.formatted(Files.readString(DASHBOARD)));

        Process tsc = new ProcessBuilder(List.of("node", compiler.toString(), "--noEmit", "--strict", "--skipLibCheck",
                "--module", "commonjs", "--moduleResolution", "node", "--target", "es2020", source.toString()))
                .directory(CHECKER.toFile()).redirectErrorStream(true).start();
        String output = new String(tsc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tsc.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as("what Grafana's dashboard model says of kubezap/files/grafana-dashboard.json").isEmpty();
        assertThat(tsc.exitValue()).isZero();
    }
}
