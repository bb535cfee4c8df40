package io.kubezap.simulator.cobalt;

import io.kubezap.simulator.WaSimulator;
import io.kubezap.simulator.stream.ChatServerSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One simulator per test JVM. The JDK reads {@code javax.net.ssl.trustStore} once, when the
 * default TLS context is first built, so the simulator (and the trust store it writes) must exist
 * before any client connects, and every Cobalt client of this JVM goes through it.
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
            var started = WaSimulator.start("127.0.0.1", 0, trustStore, ChatServerSettings.defaults());
            System.setProperty("https.proxyHost", started.proxyHost());
            System.setProperty("https.proxyPort", String.valueOf(started.proxyPort()));
            System.setProperty("javax.net.ssl.trustStore", started.trustStore().toString());
            System.setProperty("javax.net.ssl.trustStorePassword", WaSimulator.TRUST_STORE_PASSWORD);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            return started;
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
