package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.gateway.session.SessionCatalog;
import io.kubezap.testing.apiserver.StalledMockApiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 84: an API server that answers nothing for 30 s delays the gateway and never stops it. Its answers are held
 * by a {@link io.kubezap.testing.apiserver.TcpRelay} from before the gateway starts, then again mid-run; the gateway
 * starts all the same, reports not ready until its informers have listed, and its caches then hold the session
 * created meanwhile, with no restart.
 */
@QuarkusTest
@WithTestResource(StalledMockApiServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowApiServerTest {

    private static final Duration SILENCE = Duration.ofSeconds(30);
    /** The client's request timeout (10 s) and the informers' retry backoff after the silence. */
    private static final Duration RECOVERY = Duration.ofMinutes(2);

    @Inject
    SessionCatalog catalog;

    @TestHTTPResource(value = "health/ready", management = true)
    URI ready;

    @Test
    @Order(1)
    void startedWhileTheApiServerAnsweredNothingItWaitsNotReadyThenServesWhatItLists() throws Exception {
        assertThat(readiness()).as("readiness while no informer has listed").isEqualTo(503);
        created("stalled-at-start");

        StalledMockApiServer.resumeAfter(SILENCE);

        await().atMost(RECOVERY).untilAsserted(() -> assertThat(readiness()).as("readiness once synced").isEqualTo(200));
        await().atMost(RECOVERY).until(() -> catalog.cached("test", "stalled-at-start").isPresent());
    }

    @Test
    @Order(2)
    void silentMidRunItKeepsRunningAndSeesWhatChangedMeanwhile() throws Exception {
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(readiness()).isEqualTo(200));
        StalledMockApiServer.stall();
        created("stalled-mid-run");

        StalledMockApiServer.resumeAfter(SILENCE);

        await().atMost(RECOVERY).until(() -> catalog.cached("test", "stalled-mid-run").isPresent());
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(readiness()).isEqualTo(200));
    }

    private static void created(String name) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withNamespace("test").withName(name).build());
        StalledMockApiServer.direct().resource(session).create();
    }

    private int readiness() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
