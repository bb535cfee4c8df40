package io.kubezap.helm;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PgBouncer the tests run the rendered pgbouncer.ini on. Debian 12's is 1.18; the chart's image ships 1.24.1, and
 * its client caps (max_user_client_connections) need 1.24, which no Debian 12 registry offers: such a PgBouncer is named
 * by KUBEZAP_PGBOUNCER (.ci/run exports it where the machine has one; the project neither ships nor builds it).
 */
final class PgBouncerBinaries {

    static final String VARIABLE = "KUBEZAP_PGBOUNCER";
    private static final List<Path> DEBIAN = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));
    private static final Pattern VERSION = Pattern.compile("PgBouncer (\\d+)\\.(\\d+)");

    private PgBouncerBinaries() {
    }

    /** Any PgBouncer (Debian's package), or the calling test is skipped saying so (failed under CI, which installs it). */
    static Path any() {
        return DEBIAN.stream().filter(Files::isExecutable).findFirst()
                .orElseGet(() -> OnThePath.required("pgbouncer", "pgbouncer"));
    }

    /** A PgBouncer of at least 1.24 (the chart's image's line), or the calling test is skipped naming the variable. */
    static Path withClientCaps() {
        Optional<Path> named = Optional.ofNullable(System.getenv(VARIABLE)).filter(value -> !value.isBlank()).map(Path::of)
                .filter(Files::isExecutable);
        Optional<Path> found = named.or(() -> DEBIAN.stream().filter(Files::isExecutable).findFirst())
                .filter(PgBouncerBinaries::hasClientCaps);
        Assumptions.assumeTrue(found.isPresent(), () -> VARIABLE + " does not name a PgBouncer 1.24 or later (value: "
                + System.getenv(VARIABLE) + ", Debian 12's is 1.18): this test runs the chart's pgbouncer.ini as its"
                + " image's PgBouncer 1.24 loads it, max_user_client_connections included");
        return found.orElseThrow();
    }

    private static boolean hasClientCaps(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher version = VERSION.matcher(output);
            return version.find() && (Integer.parseInt(version.group(1)) > 1 || Integer.parseInt(version.group(2)) >= 24);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
