package io.kubezap.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

/**
 * A command test's world: the mock API server (CRUD), a stand-in for the API of session shop/loja-01's pod (key
 * "key-of-loja-01"), a port-forwarder that reaches it as pod loja-01-0, and kubectl zap wired to both.
 */
@EnableKubernetesMockClient(crud = true)
abstract class MockClusterTest {

    KubernetesMockServer server;
    KubernetesClient client;

    final FakePortForwarder forwarder = new FakePortForwarder();
    ClusterFixture cluster;
    StandInSessionApi pod;
    ZapRunner zap;

    @BeforeEach
    void standInPod() {
        cluster = new ClusterFixture(client);
        pod = StandInSessionApi.pod("loja-01", "key-of-loja-01");
        forwarder.pod("shop", "loja-01-0", pod.url());
        zap = new ZapRunner(server, forwarder, Map.of());
    }

    @AfterEach
    void stopPod() {
        pod.close();
    }
}
