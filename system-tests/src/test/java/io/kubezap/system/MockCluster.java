package io.kubezap.system;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubezap.system.apiserver.AccessReviews;
import io.kubezap.system.apiserver.IndexedCrudDispatcher;
import io.kubezap.system.apiserver.ServerShapedObjects;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The fabric8 Kubernetes mock API server in CRUD mode (plain HTTP on loopback; its objects indexed, so that thousands
 * of them do not make every request a scan of all), the CRD of record applied to it, and a kubeconfig that points at
 * it (for the operator process and for kubectl).
 */
final class MockCluster implements AutoCloseable {

    static final String OPERATOR_NAMESPACE = "kubezap-system";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    private final IndexedCrudDispatcher dispatcher;

    private MockCluster(KubernetesMockServer server, IndexedCrudDispatcher dispatcher, KubernetesClient client, Path kubeconfig) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = client;
        this.kubeconfig = kubeconfig;
    }

    static MockCluster start(Path workDir, Path crd) throws IOException {
        return start(workDir, crd, new IndexedCrudDispatcher());
    }

    /** As {@link #start(Path, Path)}, the objects the operator watches stored with a real server's managedFields. */
    static MockCluster startServerShaped(Path workDir, Path crd) throws IOException {
        return start(workDir, crd, new IndexedCrudDispatcher(ServerShapedObjects::shaped));
    }

    private static MockCluster start(Path workDir, Path crd, IndexedCrudDispatcher dispatcher) throws IOException {
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        String url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
        Path kubeconfig = workDir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: tester
                  user:
                    token: mock-token
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: tester
                    namespace: default
                current-context: mock
                """.formatted(url));
        KubernetesClient client = server.createClient();
        try (var in = Files.newInputStream(crd)) {
            client.load(in).create();
        }
        for (String namespace : new String[] {"default", OPERATOR_NAMESPACE}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
        }
        return new MockCluster(server, dispatcher, client, kubeconfig);
    }

    /** A client on the default namespace, as a user's kubectl would be. */
    KubernetesClient client() {
        return client;
    }

    /** The server itself, for what it recorded. */
    KubernetesMockServer server() {
        return server;
    }

    /** Who the API server's TokenReviews and SubjectAccessReviews say a token is, and what it may do. */
    AccessReviews reviews() {
        return dispatcher.reviews();
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
