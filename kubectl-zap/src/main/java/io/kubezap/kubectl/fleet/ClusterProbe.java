package io.kubezap.kubectl.fleet;

import io.kubezap.kubectl.transport.PortForwarder;
import io.kubezap.kubectl.transport.Tunnel;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads one HTTP path of a pod's port through a port-forward (health and metrics endpoints: no key needed). */
final class ClusterProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PortForwarder forwarder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ClusterProbe(PortForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /** The body the pod answers (whatever the status: a not-ready pod's health says why), or empty if it cannot be reached. */
    Optional<String> get(String namespace, String pod, int port, String path) {
        try (Tunnel tunnel = forwarder.toPod(namespace, pod, port)) {
            HttpRequest request = HttpRequest.newBuilder(tunnel.localUrl().resolve(path)).timeout(TIMEOUT).GET().build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
