package io.kubezap.session.host;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.HeldSessions;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Issue 81: what paces or wakes a session is its own on a host. The pod's session at its number-check pace (429)
 * leaves a second held session its own pace, read from its own settings; an event of one session wakes no waiter of
 * the other.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LimitsPerSessionTest {

    private static final String SECOND = "loja-03";
    private static final String SECOND_KEY = "key-of-loja-03-0123456789abcdef";
    /** Numbers no other test checks, so none is answered from the cache. */
    private static final AtomicLong NUMBER = new AtomicLong(5511933330000L);

    @Inject
    HostedSessions sessions;
    @Inject
    SimulatedWhatsApp whatsapp;
    @Inject
    EventSignal signal;

    @BeforeEach
    void podSessionConnectedThenASecondHeldWithAPaceOfTwo() throws IOException {
        whatsapp.resetToConnected();
        sessions.host(HeldSessions.byQr(SECOND, "shop", SECOND_KEY, Files.createTempDirectory(SECOND),
                Map.of("KUBEZAP_CONTACTS_CHECKS_PER_MINUTE", "2")));
    }

    @AfterEach
    void secondLeaves() {
        sessions.release(SECOND);
    }

    @Test
    void oneSessionAtItsNumberCheckPaceLeavesTheOtherItsOwn() {
        for (int i = 0; i < 10 && check(authorized(), SESSION, 1).statusCode() != 429; i++) {
            // the pod's session asks until it is at its pace (the test profile's 5 a minute, less what other tests asked)
        }
        check(authorized(), SESSION, 1).then().statusCode(429);

        assertThat(check(second(), "/api/v1/sessions/" + SECOND, 1).statusCode())
                .as("the second session's first check while the pod's session is at its pace").isNotEqualTo(429);
        check(second(), "/api/v1/sessions/" + SECOND, 3).then().statusCode(429)
                .body("detail", containsString("at most 2 numbers a minute"));
    }

    @Test
    void anEventOfOneSessionWakesNoWaiterOfTheOther() throws Exception {
        long seenBySecond = SessionKeys.get(SECOND, signal::generation);
        long seenByPod = signal.generation();

        signal.wake();

        assertThat(signal.generation()).as("the pod's session's generation").isGreaterThan(seenByPod);
        assertThat(SessionKeys.call(SECOND, () -> signal.await(seenBySecond, Duration.ofMillis(300))))
                .as("the second session's waiter, after the pod's session's event").isEqualTo(seenBySecond);
    }

    private static Response check(RequestSpecification api, String session, int count) {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            numbers.append(i == 0 ? "" : ",").append('"').append(NUMBER.incrementAndGet()).append('"');
        }
        return api.contentType("application/json").body("{\"numbers\":[" + numbers + "]}").post(session + "/contacts/check");
    }

    private static RequestSpecification second() {
        return given().header("X-Api-Key", SECOND_KEY);
    }
}
