package io.kubezap.session.engine.baileys;

import io.kubezap.session.testing.Needs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's own tests ({@code session-pod-engine-baileys/src/test/baileys-bridge/*.test.mjs}, Node.js's test
 * runner) against the Baileys the bridge has installed (the build's scripts/npm-ci in its module): what the bridge reads
 * from Baileys' messages, on either Baileys line.
 */
class BridgeScriptsTest {

    private static final Path BRIDGE = Path.of("../session-pod-engine-baileys/src/main/baileys-bridge");
    private static final Path TESTS = Path.of("../session-pod-engine-baileys/src/test/baileys-bridge");

    @Test
    void theBridgesNodeTestsPass() throws IOException, InterruptedException {
        Needs.npmPackages(BRIDGE, "baileys");
        Needs.command("node", "nodejs");
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(TESTS)) {
            files.filter(file -> file.getFileName().toString().endsWith(".test.mjs")).sorted()
                    .forEach(file -> command.add(file.toString()));
        }
        assertThat(command).as("the bridge's test files in %s", TESTS).hasSizeGreaterThan(2);

        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node --test finished").isTrue();

        assertThat(node.exitValue()).as("node --test %s:%n%s", TESTS, output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }
}
