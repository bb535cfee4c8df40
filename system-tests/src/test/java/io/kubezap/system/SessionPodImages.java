package io.kubezap.system;

import io.kubezap.contract.SessionObjectNames;
import io.kubezap.simulator.WaSimulator;
import io.kubezap.system.node.ImageRunner;
import io.kubezap.system.node.JavaImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session-pod images of this checkout as the node stand-in runs them: the packaged pod with each image's
 * environment and run.sh's options, routed to the simulator instead of WhatsApp.
 */
final class SessionPodImages {

    private SessionPodImages() {
    }

    /** The Cobalt image ({@code ghcr.io/kubezap/session-pod}) and the Baileys one ({@code ...-baileys}). */
    static List<ImageRunner> of(Path root, WaSimulator simulator) throws IOException {
        List<String> imageJvmOptions = Files.readAllLines(root.resolve("images/session-pod/jvm.options")).stream()
                .filter(line -> !line.isBlank()).toList();
        // images/session-pod/Dockerfile
        Map<String, String> sessionPodEnvironment = Map.of("KUBEZAP_DATA_DIR", "/var/lib/kubezap",
                "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=25 -Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        var sessionPod = image("ghcr.io/kubezap/session-pod:", sessionPodEnvironment, imageJvmOptions, simulator);
        // images/session-pod-baileys/Dockerfile: the same, with this checkout's bridge (npm ci) in place of the image's
        Map<String, String> baileysPodEnvironment = new HashMap<>(sessionPodEnvironment);
        baileysPodEnvironment.put("KUBEZAP_BAILEYS_BRIDGE",
                root.resolve("session-pod-engine-baileys/src/main/baileys-bridge").toAbsolutePath().normalize().toString());
        // Baileys 7 pins WhatsApp's Noise root: the simulator's in its place (the bridge's README, "Against wa-simulator")
        baileysPodEnvironment.put("KUBEZAP_BAILEYS_NOISE_ROOT_KEY",
                java.util.Base64.getEncoder().encodeToString(simulator.chatServer().noiseRootPublicKey()));
        var baileysPod = image("ghcr.io/kubezap/session-pod-baileys:", Map.copyOf(baileysPodEnvironment), imageJvmOptions,
                simulator);
        return List.of(sessionPod, baileysPod);
    }

    private static JavaImage image(String prefix, Map<String, String> environment, List<String> imageJvmOptions,
                                   WaSimulator simulator) {
        return new JavaImage(prefix, Path.of(System.getProperty("kubezap.sessionPodJar")).toAbsolutePath(), environment,
                // images/session-pod/run.sh (its jvm.options; no AOT cache here), with the simulator's routing in JAVA_OPTS
                env -> {
                    Path tmp = Path.of(env.get("KUBEZAP_DATA_DIR"), "tmp");
                    tmp.toFile().mkdirs();
                    List<String> options = new ArrayList<>(imageJvmOptions);
                    options.add("-Djava.io.tmpdir=" + tmp);
                    options.addAll(simulator.clientJvmOptions());
                    return options;
                },
                (containerPort, localPort) -> List.of((containerPort == SessionObjectNames.MANAGEMENT_PORT
                        ? "-Dquarkus.management.port=" : "-Dquarkus.http.port=") + localPort));
    }
}
