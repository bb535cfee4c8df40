package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 51, item 10: what ends or stops a session — delete, suspend, logout — through the gateway (the dashboard's
 * way, and any other caller's) is audited with who, from where, on which session and how it ended, as log fields.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class SessionAuditTest {

    private static final String ADMIN_KEY = "audit-admin-key";
    private static final String SEND_KEY = "audit-send-key";
    private static final String MANAGE_KEY = "audit-manage-key";

    @Inject
    KubernetesClient client;

    private final List<Map<String, String>> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord line = (ExtLogRecord) record;
            lines.add(Map.of("action", line.getMdc("audit.action"), "caller", line.getMdc("audit.caller"),
                    "outcome", line.getMdc("audit.outcome"), "namespace", line.getMdc("namespace"),
                    "session", line.getMdc("session"), "client", line.getMdc("audit.client")));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        RestAssured.requestSpecification = null;
        Sessions sessions = new Sessions(client);
        sessions.gatewayKey("audit-admin", ADMIN_KEY, "admin", "shop", null);
        sessions.gatewayKey("audit-send", SEND_KEY, "send", "shop", null);
        sessions.gatewayKey("audit-manage", MANAGE_KEY, "manage", "shop", null);
        for (String name : List.of("kept", "gone", "paused")) {
            if (sessions.get("shop", name) == null) {
                sessions.applied("shop", name, Map.of());
                sessions.withApiKey("shop", name, SessionPodStandIn.POD_KEY);
            }
        }
        Logger.getLogger(SessionAudit.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger(SessionAudit.CATEGORY).removeHandler(capture);
    }

    @Test
    void aDeleteIsAuditedWithTheKeyThatDidItAndARefusedOneToo() {
        given().header("X-Api-Key", SEND_KEY).delete("/api/v1/namespaces/shop/sessions/kept").then().statusCode(403);
        given().header("X-Api-Key", ADMIN_KEY).delete("/api/v1/namespaces/shop/sessions/gone").then().statusCode(202);

        assertThat(audited()).contains(
                line("delete", "key:audit-send", "refused 403", "kept"),
                line("delete", "key:audit-admin", "accepted", "gone"));
        assertThat(lines).allSatisfy(l -> assertThat(l.get("client")).isNotBlank());
    }

    @Test
    void aSuspendIsAuditedAndAnOrdinaryEditIsNot() {
        given().header("X-Api-Key", ADMIN_KEY).contentType("application/merge-patch+json")
                .body("{\"displayName\":\"Paused shop\"}").patch("/api/v1/namespaces/shop/sessions/paused")
                .then().statusCode(200);
        assertThat(lines).isEmpty();

        given().header("X-Api-Key", ADMIN_KEY).contentType("application/merge-patch+json")
                .body("{\"suspend\":true}").patch("/api/v1/namespaces/shop/sessions/paused").then().statusCode(200);

        assertThat(audited()).containsExactly(line("suspend", "key:audit-admin", "done", "paused"));
    }

    @Test
    void aLogoutThroughTheProxyIsAuditedAllowedOrRefused() {
        given().header("X-Api-Key", SEND_KEY).post("/api/v1/namespaces/shop/sessions/kept/logout").then().statusCode(403);
        given().header("X-Api-Key", MANAGE_KEY).post("/api/v1/namespaces/shop/sessions/kept/logout");

        assertThat(audited()).contains(
                line("logout", "key:audit-send", "refused 403", "kept"),
                line("logout", "key:audit-manage", "forwarded", "kept"));
    }

    private static String line(String action, String caller, String outcome, String session) {
        return action + " shop/" + session + " by " + caller + ": " + outcome;
    }

    private List<String> audited() {
        return lines.stream().map(l -> line(l.get("action"), l.get("caller"), l.get("outcome"), l.get("session"))
                .replace(" shop/", " " + l.get("namespace") + "/")).toList();
    }
}
