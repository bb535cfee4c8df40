package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.child.TenantVariables;
import io.kubezap.session.engine.WhatsAppRoute;
import io.kubezap.session.testing.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 68 item 4: the Baileys bridge's node starts with only the variables the bridge reads. Real node runs a
 * stand-in bridge.js that writes the environment it was given as an event; {@code NODE_OPTIONS} in the pod's
 * environment names a script that would leave a mark if node ran it.
 */
class BridgeEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void nodeGetsNoneOfTheTenantsVariablesAndRunsNoPreloadedScript() throws Exception {
        Needs.command("node", "nodejs");
        Path bridge = Files.createDirectories(dir.resolve("bridge"));
        Files.writeString(bridge.resolve("bridge.js"),
                "process.stdout.write(JSON.stringify({event: 'environment', names: Object.keys(process.env)}) + '\\n')\n");
        Path mark = dir.resolve("hook-ran");
        Path hook = Files.writeString(dir.resolve("hook.js"),
                "require('fs').writeFileSync(" + new ObjectMapper().writeValueAsString(mark.toString()) + ", 'ran')\n");
        var pod = new java.util.HashMap<>(System.getenv());
        pod.putAll(TenantVariables.DANGEROUS);
        pod.put("NODE_OPTIONS", "--require " + hook);
        pod.put("BRIDGE_LOG_LEVEL", "debug");

        var launch = BridgeLaunch.of("node", bridge, dir.resolve("work"), WhatsAppRoute.DIRECT,
                new io.kubezap.session.child.ChildEnvironment(pod));
        var given = new CompletableFuture<JsonNode>();
        try (var process = BridgeProcess.start(launch, new ObjectMapper(), given::complete, () -> { })) {
            List<String> names = names(given.get(30, TimeUnit.SECONDS).path("names"));

            assertThat(names).doesNotContainAnyElementsOf(TenantVariables.DANGEROUS.keySet())
                    .contains("PATH", "BRIDGE_LOG_LEVEL");
            assertThat(names).isSubsetOf("PATH", "LANG", "TMPDIR", "BRIDGE_LOG_LEVEL", "KUBEZAP_EVENTS_PAYLOAD_RAW",
                    "KUBEZAP_BAILEYS_NOISE_ROOT_KEY");
            assertThat(mark).as("NODE_OPTIONS' --require ran").doesNotExist();
        }
    }

    private static List<String> names(JsonNode array) {
        var names = new ArrayList<String>();
        for (Iterator<JsonNode> each = array.elements(); each.hasNext(); ) {
            names.add(each.next().asText());
        }
        return names;
    }
}
