package io.kubezap.testing.apiserver;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the launcher lets a test observe and do to the server: its audit log, its etcd's compaction, a cut connection. */
class RealApiServerObservedTest {

    @Test
    void theAuditLogShowsAPagedListAndACompactedRevisionIsGoneForAWatch() throws Exception {
        try (RealApiServer server = RealApiServer.start(ApiServerSettings.DEFAULTS.withAuditLog().withFlags("--watch-cache=false"))) {
            KubernetesClient admin = server.admin();
            for (int i = 0; i < 3; i++) {
                create(admin, "map-" + i);
            }
            var firstPage = admin.configMaps().inNamespace("default").list(new ListOptionsBuilder().withLimit(2L).build());
            admin.configMaps().inNamespace("default").list(new ListOptionsBuilder().withLimit(2L)
                    .withContinue(firstPage.getMetadata().getContinue()).build());

            List<AuditedRequest> lists = server.auditLog().requests().stream()
                    .filter(r -> r.user().equals(server.adminUser()) && r.kind().equals("list configmaps")).toList();
            assertThat(lists).extracting(r -> r.query("limit").orElse("")).containsExactly("2", "2");
            assertThat(lists.get(1).query("continue")).hasValue(firstPage.getMetadata().getContinue());

            String before = firstPage.getMetadata().getResourceVersion();
            create(admin, "after-the-list"); // a watch from a version begins after it: two writes, so that one is gone
            create(admin, "and-another");
            long compactedAt = server.etcd().compact();
            assertThat(compactedAt).isGreaterThan(Long.parseLong(before) + 1);
            CompletableFuture<WatcherException> closed = new CompletableFuture<>();
            admin.configMaps().inNamespace("default").withResourceVersion(before).watch(new Watcher<ConfigMap>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                }

                @Override
                public void onClose(WatcherException cause) {
                    closed.complete(cause);
                }
            });
            assertThat(closed.get(60, TimeUnit.SECONDS).isHttpGone()).as("a watch from a compacted revision: 410 Gone").isTrue();
            assertThat(server.etcd().status().dbSizeBytes()).isPositive();
        }
    }

    @Test
    void aCutRelayRefusesUntilRestored() {
        try (RealApiServer server = RealApiServer.start();
             TcpRelay relay = TcpRelay.to(Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1)))) {
            var config = server.config(adminToken(server));
            config.setMasterUrl("https://127.0.0.1:" + relay.port());
            config.setRequestRetryBackoffLimit(0);
            try (KubernetesClient through = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(through.namespaces().withName("default").get()).isNotNull();
                relay.cut();
                assertThatThrownBy(() -> through.namespaces().withName("default").get()).isNotNull();
                relay.restore();
                assertThat(through.namespaces().withName("default").get()).isNotNull();
            }
        }
    }

    private static String adminToken(RealApiServer server) {
        return server.admin().getConfiguration().getOauthToken();
    }

    private static void create(KubernetesClient admin, String name) {
        admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().build()).create();
    }
}
