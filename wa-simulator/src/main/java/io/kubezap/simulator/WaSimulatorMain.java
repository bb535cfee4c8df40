package io.kubezap.simulator;

import io.kubezap.simulator.stream.ChatServerSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator until the process is stopped. Options ({@code --name=value}, or the
 * environment variable in brackets): {@code --bind} (WA_SIMULATOR_BIND, 127.0.0.1),
 * {@code --proxy-port} (WA_SIMULATOR_PROXY_PORT, 8443), {@code --control-port}
 * (WA_SIMULATOR_CONTROL_PORT, 8091), {@code --trust-store} (WA_SIMULATOR_TRUST_STORE,
 * ./wa-simulator-truststore.p12).
 */
public final class WaSimulatorMain {
    private WaSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var options = parse(args);
        var settings = new SimulatorSettings(
                option(options, "bind", "127.0.0.1"),
                Integer.parseInt(option(options, "proxy-port", "8443")),
                Integer.parseInt(option(options, "control-port", "8091")),
                Path.of(option(options, "trust-store", "wa-simulator-truststore.p12")),
                ChatServerSettings.defaults());
        var simulator = WaSimulator.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println("kubezap wa-simulator is running");
        System.out.println("  control API : " + simulator.controlUrl() + "/api/info");
        System.out.println("  proxy       : " + simulator.proxyHost() + ":" + simulator.proxyPort() + " (CONNECT web.whatsapp.com:443, mmg.whatsapp.net:443)");
        System.out.println("  trust store : " + simulator.trustStore() + " (PKCS12, password " + WaSimulator.TRUST_STORE_PASSWORD + ")");
        System.out.println("  client JVM  : " + simulator.clientJavaOptions());
        System.out.println("  noise root  : " + java.util.Base64.getEncoder().encodeToString(simulator.chatServer().noiseRootPublicKey())
                + " (Curve25519 public key that signs the Noise certificate chain; pin it instead of WhatsApp's)");
        System.out.println("  for Cobalt  : also -Djava.util.concurrent.ForkJoinPool.common.parallelism=8 (Cobalt 0.0.10 deadlocks on <= 2 CPUs)");
        stopped.await();
    }

    private static Map<String, String> parse(String[] args) {
        var options = new HashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options look like --name=value, got " + arg);
            }
            var separator = arg.indexOf('=');
            options.put(arg.substring(2, separator), arg.substring(separator + 1));
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        var environment = System.getenv("WA_SIMULATOR_" + name.toUpperCase().replace('-', '_'));
        return options.getOrDefault(name, environment == null || environment.isBlank() ? fallback : environment);
    }
}
