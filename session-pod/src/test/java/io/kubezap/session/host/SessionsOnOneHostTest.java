package io.kubezap.session.host;

import io.kubezap.session.testing.HeldSessions;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.qr.QrLink;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.state.SessionStateMachine;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.kubezap.session.testing.StateNotifications;
import io.kubezap.session.webhook.WebhookDispatcher;
import io.kubezap.contract.PodEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 81: a second session in the pod's JVM has a state of its own (its own {@code @PerSession} state machine, its own
 * database key and its own notice to the operator), each reached by its own path, and a session the JVM does not hold is
 * not found, never answered with another's data.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SessionsOnOneHostTest {

    private static final String SECOND = "loja-02";
    private static final String SECOND_PATH = "/api/v1/sessions/" + SECOND;
    private static final String SECOND_KEY = "key-of-loja-02-0123456789abcdef";

    @Inject
    HostedSessions sessions;
    @Inject
    SessionStateMachine state;
    @Inject
    SimulatedWhatsApp whatsapp;
    @Inject
    WebhookDispatcher webhooks;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @BeforeEach
    void podSessionConnectedThenASecondHosted() throws IOException {
        whatsapp.resetToUnpaired();
        whatsapp.scanQr();
        // a directory of its own, as a host gives each session (a @TempDir field stays null in a @QuarkusTest's instance)
        sessions.host(HeldSessions.byQr(SECOND, "shop", SECOND_KEY, Files.createTempDirectory(SECOND)));
    }

    @AfterEach
    void secondLeaves() {
        sessions.release(SECOND);
    }

    @Test
    void eachSessionAnswersItsOwnStateAndQr() throws SQLException {
        String code = "2@second-" + System.nanoTime();
        try (Connection listener = DriverManager.getConnection(url, user, password)) {
            NotificationChannels.listen(listener, SessionSchema.STATE_CHANNEL);

            SessionKeys.run(SECOND, () -> state.apply(new EngineEvent.QrIssued(code, Instant.now().plusSeconds(60))));

            assertThat(StateNotifications.until(listener, Duration.ofSeconds(20), "shop/" + SECOND)).contains("shop/" + SECOND);
        }
        second().get(SECOND_PATH).then().statusCode(200)
                .body("name", equalTo(SECOND))
                .body("phase", equalTo("WaitingForQR"))
                .body("qr.code", equalTo(QrLink.of(code)))
                .body("account", nullValue());
        second().get(SECOND_PATH + "/qr").then().statusCode(200).body(equalTo(QrLink.of(code)));
        authorized().get(SESSION).then().statusCode(200)
                .body("name", equalTo("loja-01"))
                .body("phase", equalTo("Connected"))
                .body("qr", nullValue());
        authorized().get(SESSION + "/qr").then().statusCode(404);
        assertThat(latestRecordedPhase(SECOND)).isEqualTo("WaitingForQR");
        assertThat(latestRecordedPhase("loja-01")).isEqualTo("Connected");
    }

    @Test
    void aSessionTheHostDoesNotHoldIsNotFound() {
        authorized().get("/api/v1/sessions/loja-03").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("loja-03"))
                .body("detail", not(containsString("loja-01")))
                .body("name", nullValue())
                .body("phase", nullValue());
        authorized().get("/api/v1/sessions/loja-03/qr").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aReleasedSessionIsNotFoundAgainAndItsKeyOpensNothing() {
        second().get(SECOND_PATH).then().statusCode(200).body("name", equalTo(SECOND));

        sessions.release(SECOND);

        authorized().get(SECOND_PATH).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        second().get(SECOND_PATH).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        authorized().get(SESSION).then().statusCode(200).body("name", equalTo("loja-01"));
    }

    @Test
    void eachSessionTakesItsOwnKeyAndNoOther() {
        authorized().get(SECOND_PATH).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        authorized().get(SECOND_PATH + "/qr").then().statusCode(401);
        second().get(SESSION).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        authorized().get(SESSION).then().statusCode(200).body("name", equalTo("loja-01"));
        second().get(SECOND_PATH).then().statusCode(200).body("name", equalTo(SECOND));
    }

    /** The key check reads the path as written: no shape that could hide its session (issue 79 S2's) opens it. */
    @Test
    void noPathShapeOpensTheSecondSessionWithThePodsKey() {
        Map<String, Integer> statuses = new TreeMap<>();
        for (String hidden : new String[]{SECOND_PATH + ";x", SECOND_PATH + ";x/qr", SECOND_PATH + "/;x/qr",
                "/api/v1/sessions/" + SECOND + "/../" + SECOND, "/api/v1/sessions/%6coja-02"}) {
            statuses.put(hidden, authorized().urlEncodingEnabled(false).get(hidden).statusCode());
        }
        assertThat(statuses).doesNotContainValue(200);
    }

    @Test
    void aSessionsWebhooksAreItsOwnAndTheirWorkersEndWithIt() throws IOException {
        String third = "loja-04";
        String thirdKey = "key-of-loja-04-0123456789abcdef";
        var dataDir = Files.createTempDirectory(third);
        var hooks = Files.writeString(dataDir.resolve("webhooks.json"), "[{\"url\": \"http://127.0.0.1:9/loja-04-hook\"}]");
        sessions.host(HeldSessions.byQr(third, "shop", thirdKey, dataDir, Map.of(PodEnvironment.WEBHOOKS_FILE, hooks.toString())));
        try {
            given().header(SessionApi.API_KEY_HEADER, thirdKey).get("/api/v1/sessions/" + third + "/webhooks").then()
                    .statusCode(200).body("items.url", equalTo(List.of("http://127.0.0.1:9/loja-04-hook")));
            authorized().get(SESSION + "/webhooks").then().statusCode(200).body(not(containsString("loja-04-hook")));

            SessionKeys.run(third, webhooks::start);
            assertThat(threadsDelivering("http://127.0.0.1:9 ")).as("loja-04's webhook worker").hasSize(1);
        } finally {
            sessions.release(third);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(threadsDelivering("http://127.0.0.1:9 ")).as("once loja-04 left").isEmpty());
    }

    /** The threads, virtual ones too (a thread dump's), whose name says they deliver to {@code to}. */
    private static List<String> threadsDelivering(String to) throws IOException {
        var dump = Files.createTempDirectory("threads").resolve("threads.txt");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        return Files.readAllLines(dump).stream().filter(line -> line.contains("\"webhook " + to)).toList();
    }

    private static RequestSpecification second() {
        return given().header(SessionApi.API_KEY_HEADER, SECOND_KEY);
    }

    private String latestRecordedPhase(String session) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             var query = connection.prepareStatement(
                     "select phase from session_state_history where session = ? order by id desc limit 1")) {
            query.setString(1, session);
            var rows = query.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
