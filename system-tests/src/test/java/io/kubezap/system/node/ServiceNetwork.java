package io.kubezap.system.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Cluster DNS and kube-proxy for HTTP, as a forward proxy: a request for {@code http://<service>.<namespace>.svc[.cluster.local]:<port>/…}
 * goes to a ready pod the Service selects, on the local port its target port is published on; no ready pod: 503.
 * Clients reach it as their HTTP proxy (the JVM's {@code http.proxyHost}/{@code http.proxyPort}), so they keep
 * using the in-cluster URLs. Only plain HTTP; no ClusterIPs, no headless pod names, no NetworkPolicies.
 */
public final class ServiceNetwork implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect");
    private static final HttpClient FORWARD = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final KubernetesClient client;
    private final NodeStandIn node;

    private ServiceNetwork(HttpServer server, KubernetesClient client, NodeStandIn node) {
        this.server = server;
        this.client = client;
        this.node = node;
    }

    public static ServiceNetwork start(KubernetesClient client, NodeStandIn node) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ServiceNetwork network = new ServiceNetwork(server, client, node);
        server.createContext("/", network::forward);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "service-network");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return network;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The JVM options that send a process's plain-HTTP requests through this network. */
    public List<String> clientJvmOptions() {
        return List.of("-Dhttp.proxyHost=" + address().getHostString(), "-Dhttp.proxyPort=" + address().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Optional<URI> target = uri.getHost() == null ? Optional.empty() : resolve(uri);
            if (target.isEmpty()) {
                answer(exchange, 503, "no ready endpoint for " + uri.getHost() + ":" + uri.getPort());
                return;
            }
            var request = HttpRequest.newBuilder(target.get()).timeout(Duration.ofMinutes(2));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            byte[] body = exchange.getRequestBody().readAllBytes();
            request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<InputStream> response;
            try {
                response = FORWARD.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException refused) {
                answer(exchange, 502, "pod did not answer: " + refused);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            try (InputStream in = response.body()) {
                exchange.sendResponseHeaders(response.statusCode(),
                        exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204 ? -1 : 0);
                OutputStream out = exchange.getResponseBody();
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code <service>.<namespace>.svc[.cluster.local]} and port → a ready pod's published port. */
    private Optional<URI> resolve(URI uri) {
        String[] labels = uri.getHost().split("\\.");
        boolean serviceName = labels.length == 3 && labels[2].equals("svc")
                || labels.length == 5 && uri.getHost().endsWith(".svc.cluster.local");
        if (!serviceName) {
            return Optional.empty();
        }
        Service service = client.services().inNamespace(labels[1]).withName(labels[0]).get();
        if (service == null || service.getSpec().getSelector() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        Optional<ServicePort> servicePort = service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == port).findFirst();
        if (servicePort.isEmpty()) {
            return Optional.empty();
        }
        var targetPort = servicePort.get().getTargetPort() != null ? servicePort.get().getTargetPort()
                : new io.fabric8.kubernetes.api.model.IntOrString(port);
        return node.podsMatching(labels[1], service.getSpec().getSelector()).stream()
                .filter(PodRuntime::ready)
                .map(pod -> pod.localPort(targetPort))
                .flatMap(Optional::stream)
                .findFirst()
                .map(local -> URI.create("http://127.0.0.1:" + local + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message.getBytes();
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
