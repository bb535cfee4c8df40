package io.kubezap.system.apiserver;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The mock API server ({@link IndexedCrudDispatcher}) pages a list asked with a limit as a real API server does. */
class PagedListsTest {

    private final AtomicLong now = new AtomicLong();
    private final PagedLists lists = new PagedLists(now::get, PagedLists.KEPT);
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new IndexedCrudDispatcher((plural, json) -> json, lists), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        for (int i = 1; i <= 5; i++) {
            create("a", "c" + i, i % 2 == 0 ? "db" : "web");
        }
        create("b", "elsewhere", "web");
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.destroy();
    }

    @Test
    void answersALimitedListPageByPageWithAContinueTokenAndTheCountLeft() {
        ConfigMapList first = page(null, 2);
        assertThat(names(first)).containsExactly("c1", "c2");
        assertThat(first.getMetadata().getContinue()).isNotBlank();
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3);

        ConfigMapList second = page(first.getMetadata().getContinue(), 2);
        assertThat(names(second)).containsExactly("c3", "c4");
        assertThat(second.getMetadata().getRemainingItemCount()).isEqualTo(1);

        ConfigMapList last = page(second.getMetadata().getContinue(), 2);
        assertThat(names(last)).containsExactly("c5");
        assertThat(last.getMetadata().getContinue()).isNull();
        assertThat(last.getMetadata().getRemainingItemCount()).isNull();
        assertThat(lists.open()).isZero();
    }

    @Test
    void answersAListThatFitsOrHasNoLimitWhole() {
        ConfigMapList fits = page(null, 5);
        assertThat(names(fits)).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(fits.getMetadata().getContinue()).isNull();
        assertThat(names(client.configMaps().inNamespace("a").list())).hasSize(5);
        assertThat(lists.open()).isZero();
    }

    @Test
    void continuesTheListAsItWasWhenTheFirstPageWasCut() {
        ConfigMapList first = page(null, 2);
        create("a", "c6", "web");
        client.configMaps().inNamespace("a").withName("c3").delete();
        client.configMaps().inNamespace("a").withName("c4").edit(map -> new ConfigMapBuilder(map).addToData("changed", "yes").build());

        ConfigMapList second = page(first.getMetadata().getContinue(), 10);
        assertThat(names(second)).containsExactly("c3", "c4", "c5");
        assertThat(second.getItems().get(1).getData()).doesNotContainKey("changed");
        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
        assertThat(names(page(null, 10))).containsExactlyInAnyOrder("c1", "c2", "c4", "c5", "c6");
    }

    @Test
    void pagesASelectedListWithoutCountingWhatIsLeft() {
        var options = new ListOptionsBuilder().withLimit(1L).build();
        ConfigMapList first = client.configMaps().inAnyNamespace().withLabel("tier", "web").list(options);
        assertThat(names(first)).containsExactly("c1");
        assertThat(first.getMetadata().getRemainingItemCount()).isNull();
        List<String> all = new ArrayList<>(names(first));
        String token = first.getMetadata().getContinue();
        while (token != null) {
            ConfigMapList next = client.configMaps().inAnyNamespace().withLabel("tier", "web")
                    .list(new ListOptionsBuilder().withLimit(1L).withContinue(token).build());
            all.addAll(names(next));
            token = next.getMetadata().getContinue();
        }
        assertThat(all).containsExactly("c1", "c3", "c5", "elsewhere");
    }

    @Test
    void refusesAnExpiredAMalformedOrAVersionedContinuation() {
        String token = page(null, 2).getMetadata().getContinue();
        assertThatThrownBy(() -> page("not-a-token", 2)).isInstanceOfSatisfying(KubernetesClientException.class,
                failed -> assertThat(failed.getCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.configMaps().inNamespace("a")
                .list(new ListOptionsBuilder().withLimit(2L).withContinue(token).withResourceVersion("1").build()))
                .isInstanceOfSatisfying(KubernetesClientException.class, failed -> assertThat(failed.getCode()).isEqualTo(400));

        now.addAndGet(PagedLists.KEPT.plusSeconds(1).toNanos());
        assertThatThrownBy(() -> page(token, 2)).isInstanceOfSatisfying(KubernetesClientException.class, failed -> {
            assertThat(failed.getCode()).isEqualTo(410);
            assertThat(failed.getStatus().getReason()).isEqualTo("Expired");
        });
        assertThat(lists.open()).isZero();
    }

    /** What the operator's and the gateway's informers rely on: fabric8's informer with a limit follows the pages. */
    @Test
    void anInformerWithALimitListsPageByPageAndHoldsEveryObject() throws InterruptedException {
        drainRequests();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inAnyNamespace().withLimit(2L).runnableInformer(0).run();
        try {
            assertThat(informer.getStore().list()).extracting(map -> map.getMetadata().getName())
                    .containsExactlyInAnyOrder("c1", "c2", "c3", "c4", "c5", "elsewhere");
            List<String> listed = drainRequests().stream().map(RecordedRequest::getPath)
                    .filter(path -> !path.contains("watch=true")).toList();
            assertThat(listed).hasSize(3).allMatch(path -> path.contains("limit=2"));
            assertThat(listed.subList(1, 3)).allMatch(path -> path.contains("continue="));
            assertThat(lists.open()).isZero();
        } finally {
            informer.close();
        }
    }

    /** As a real server: a watch from the list's version sends what changed since, not every object again. */
    @Test
    void aWatchFromTheListsVersionStartsWithWhatChangedSince() {
        String listed = page(null, 2).getMetadata().getResourceVersion();
        create("a", "c6", "web");
        client.configMaps().inNamespace("a").withName("c2").edit(map -> new ConfigMapBuilder(map).addToData("changed", "yes").build());
        Queue<String> fromList = new ConcurrentLinkedQueue<>();
        Queue<String> fromNow = new ConcurrentLinkedQueue<>();
        try (Watch since = client.configMaps().inNamespace("a").watch(new ListOptionsBuilder().withResourceVersion(listed).build(), recorder(fromList));
             Watch whole = client.configMaps().inNamespace("a").watch(recorder(fromNow))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fromNow).hasSize(6));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fromList).containsExactlyInAnyOrder("c6", "c2"));
            create("a", "c7", "db");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fromList).contains("c7"));
        }
        assertThat(fromList).hasSize(3);
    }

    private static Watcher<ConfigMap> recorder(Queue<String> names) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap map) {
                names.add(map.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    private ConfigMapList page(String token, long limit) {
        ListOptions options = new ListOptionsBuilder().withLimit(limit).withContinue(token).build();
        return client.configMaps().inNamespace("a").list(options);
    }

    private void create(String namespace, String name, String tier) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .addToLabels("tier", tier).endMetadata().withData(Map.of("at", namespace + "/" + name)).build()).create();
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    private static List<String> names(ConfigMapList list) {
        return list.getItems().stream().map(map -> map.getMetadata().getName()).toList();
    }
}
