package io.kubezap.system.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.IntOrString;
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
 * goes to a ready pod the Service selects, on the local port its target port is published on; a request for a pod's
 * name under a headless Service, {@code http://<pod>.<service>.<namespace>.svc[.cluster.local]:<port>/…}, to that pod
 * (ready, selected by the Service, with that hostname and subdomain, as the cluster DNS publishes it) on the local
 * port its container port is published on; no such pod: 503. Clients reach it as their HTTP proxy (the JVM's
 * {@code http.proxyHost}/{@code http.proxyPort}), so they keep using the in-cluster URLs. Only plain HTTP; no
 * ClusterIPs, no NetworkPolicies.
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

    /** {@code [<pod>.]<service>.<namespace>.svc[.cluster.local]} and port → a ready pod's published port. */
    private Optional<URI> resolve(URI uri) {
        String host = uri.getHost().endsWith(".svc.cluster.local")
                ? uri.getHost().substring(0, uri.getHost().length() - ".cluster.local".length()) : uri.getHost();
        String[] labels = host.split("\\.");
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        Optional<Integer> local = labels.length == 3 && labels[2].equals("svc") ? serviceTarget(labels[1], labels[0], port)
                : labels.length == 4 && labels[3].equals("svc") ? podUnderHeadlessService(labels[2], labels[1], labels[0], port)
                : Optional.empty();
        return local.map(published -> URI.create("http://127.0.0.1:" + published + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }

    private Optional<Integer> serviceTarget(String namespace, String name, int port) {
        Service service = client.services().inNamespace(namespace).withName(name).get();
        if (service == null || service.getSpec().getSelector() == null) {
            return Optional.empty();
        }
        Optional<ServicePort> servicePort = service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == port).findFirst();
        if (servicePort.isEmpty()) {
            return Optional.empty();
        }
        var targetPort = servicePort.get().getTargetPort() != null ? servicePort.get().getTargetPort()
                : new IntOrString(port);
        return node.podsMatching(namespace, service.getSpec().getSelector()).stream()
                .filter(PodRuntime::ready)
                .map(pod -> pod.localPort(targetPort))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** A headless Service's DNS name for a pod: the pod's own address, so its container port, no port mapping. */
    private Optional<Integer> podUnderHeadlessService(String namespace, String serviceName, String podName, int port) {
        Service service = client.services().inNamespace(namespace).withName(serviceName).get();
        if (service == null || !"None".equals(service.getSpec().getClusterIP()) || service.getSpec().getSelector() == null) {
            return Optional.empty();
        }
        return node.podsMatching(namespace, service.getSpec().getSelector()).stream()
                .filter(PodRuntime::ready)
                .filter(pod -> podName.equals(pod.pod().getSpec().getHostname())
                        && serviceName.equals(pod.pod().getSpec().getSubdomain()))
                .map(pod -> pod.localPort(new IntOrString(port)))
                .flatMap(Optional::stream)
                .findFirst();
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
