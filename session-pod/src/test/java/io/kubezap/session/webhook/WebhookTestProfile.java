package io.kubezap.session.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Four endpoints on one loopback receiver: {@code /all} (every event, whsec secret), {@code /messages}
 * (message.received, raw secret), {@code /flaky} and {@code /stalled} (message.received; their answers are
 * chosen per test). Short retry delays so dead letters are reached quickly.
 */
public class WebhookTestProfile implements QuarkusTestProfile {

    static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String RAW_SECRET = "a-plain-shared-secret";
    static final int MAX_ATTEMPTS = 4;
    static final long INITIAL_DELAY_MS = 200;

    private static final String PORT_PROPERTY = "webhook-test.receiver-port";

    /** Chosen once per JVM, before Quarkus starts; the test starts the receiver on it. */
    static int receiverPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = Integer.toString(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiverPort() + path;
    }

    /** The receiver is on loopback: allowed as the cluster admin allows an in-cluster receiver. */
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(LoopbackReceiverAllowed.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kubezap.webhooks-file", webhooksFile().toString(),
                "kubezap.webhook.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "kubezap.webhook.retry-initial-delay", INITIAL_DELAY_MS + "ms",
                "kubezap.webhook.retry-max-delay", "2s",
                "kubezap.webhook.timeout", "1s",
                // no short poll interval: new deliveries and redeliveries must reach the worker by its wake-up alone
                "kubezap.events.stream.heartbeat", "1s");
    }

    private static Path webhooksFile() {
        String json = """
                [
                  {"url": "%s", "secret": "%s"},
                  {"url": "%s", "events": ["message.received"], "secret": "%s"},
                  {"url": "%s", "events": ["message.received"], "secret": "%s"},
                  {"url": "%s", "events": ["message.received"]}
                ]""".formatted(url("/all"), WHSEC, url("/messages"), RAW_SECRET, url("/flaky"), WHSEC, url("/stalled"));
        try {
            Path file = Files.createTempFile("kubezap-webhooks", ".json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
