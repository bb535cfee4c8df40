package io.kubezap.simulator.cobalt;

import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One simulator per test JVM. The JDK reads {@code javax.net.ssl.trustStore} once, when the
 * default TLS context is first built, so the simulator (and the trust store it writes) must exist
 * before any client connects, and every Cobalt client of this JVM goes through it — exactly how
 * a session pod is pointed at it, with JVM system properties only.
 */
final class SimulatorFixture {
    private static WaSimulator simulator;

    private SimulatorFixture() {
    }

    static synchronized WaSimulator simulator() {
        if (simulator == null) {
            simulator = start();
        }
        return simulator;
    }

    private static WaSimulator start() {
        try {
            var trustStore = Files.createTempDirectory("wa-simulator-test").resolve("truststore.p12");
            var started = WaSimulator.start(SimulatorSettings.ephemeral(trustStore));
            started.clientSystemProperties().forEach(System::setProperty);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            return started;
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
