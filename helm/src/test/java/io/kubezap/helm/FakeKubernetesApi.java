package io.kubezap.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes API that the chart's {@code lookup} calls reach during a helm-java render, on loopback.
 * <p>
 * helm-java 0.0.21 renders {@code template} as a dry run that still talks to the cluster (real {@code helm template}
 * does not), so {@code lookup "v1" "Secret"} needs an API server. This one knows only Secrets: those a test
 * {@link #add adds}, 404 for the rest — the same answers a cluster gives on a first install or an upgrade.
 */
final class FakeKubernetesApi {

    private static final Pattern SECRET_PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/secrets/([^/]+)$");

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final HttpServer server;

    private FakeKubernetesApi(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port and writes a kubeconfig pointing at it to {@code kubeconfig}. */
    static FakeKubernetesApi start(Path kubeconfig) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeKubernetesApi api = new FakeKubernetesApi(server);
            server.createContext("/", api::answer);
            server.start();
            Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
            Files.writeString(kubeconfig, api.kubeconfig());
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Secret secret) {
        secrets.put(key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()), secret);
    }

    private String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster: {server: "http://127.0.0.1:%d"}
                contexts:
                  - name: fake
                    context: {cluster: fake, user: fake}
                current-context: fake
                users:
                  - name: fake
                    user: {}
                """.formatted(server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher secretPath = SECRET_PATH.matcher(path);
        if (path.equals("/api/v1")) {
            respond(exchange, 200, new APIResourceListBuilder().withGroupVersion("v1")
                    .addToResources(new APIResourceBuilder().withName("secrets").withSingularName("secret")
                            .withKind("Secret").withNamespaced(true).withVerbs("get", "list").build())
                    .build());
        } else if (secretPath.matches() && secrets.containsKey(key(secretPath.group(1), secretPath.group(2)))) {
            respond(exchange, 200, secrets.get(key(secretPath.group(1), secretPath.group(2))));
        } else {
            respond(exchange, 404, new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404)
                    .withMessage(path + " not found").build());
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = Serialization.asJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (var out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
