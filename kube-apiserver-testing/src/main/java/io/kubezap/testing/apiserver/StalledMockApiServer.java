package io.kubezap.testing.apiserver;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * For a {@code @QuarkusTest} of the operator or the gateway: the fabric8 mock API server (CRUD mode) behind a
 * {@link TcpRelay} that is already stalled when the application starts. The application's client reaches the server
 * only through the relay; the test's own {@link #direct()} client does not. One per test JVM at a time.
 */
public class StalledMockApiServer implements QuarkusTestResourceLifecycleManager {

    private static volatile KubernetesServer server;
    private static volatile TcpRelay relay;
    private static volatile Instant stalledSince;

    /** A client straight to the mock API server, not through the relay: a user or another controller. */
    public static KubernetesClient direct() {
        return server.getClient();
    }

    public static TcpRelay relay() {
        return relay;
    }

    /** When the relay began to hold every answer, the operator's start included. */
    public static Instant stalledSince() {
        return stalledSince;
    }

    /** Keeps the answers held until {@code silence} has passed since they were first held, then lets them through. */
    public static void resumeAfter(Duration silence) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), stalledSince.plus(silence));
        if (!left.isNegative()) {
            Thread.sleep(left);
        }
        relay.resume();
    }

    public static void stall() {
        stalledSince = Instant.now();
        relay.stall();
    }

    @Override
    public Map<String, String> start() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        relay = TcpRelay.to(URI.create(server.getClient().getConfiguration().getMasterUrl()).getPort());
        stall();
        String url = "http://127.0.0.1:" + relay.port();
        // fabric8's own settings, as Quarkus' KubernetesServerTestResource gives them, pointed at the relay
        Map<String, String> fabric8 = Map.of("kubernetes.master", url, "kubernetes.trust.certificates", "true",
                "kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false",
                "kubernetes.namespace", "test", "http2.disable", "true");
        // the same keys only, so that the next test class's server (Quarkus' own resource sets them all) replaces each
        fabric8.forEach(System::setProperty);
        return fabric8;
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.after();
        }
    }
}
