package io.kubezap.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.kubezap.gateway.proxy.ChatGuard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 68 item 1: an agent's key limited to one chat writes a text there (MCP {@code send_text}), then forwards it
 * with {@code POST messages/{id}/forward}, whose recipient is in the body. The gateway reads that body and judges its
 * {@code to}: another number is 403 {@code chat-not-allowed} and nothing reaches the pod; the key's own chat passes
 * with the body as sent. A call whose shape is not on the list a key limited to chats may make is refused too.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class ForwardFromAChatLimitedKeyTest {

    private static final String KEY = "forwarding-agent-key";
    private static final String CUSTOMER = "5511977770001";
    private static final String CUSTOMER_JID = SessionPodStandIn.MESSAGE_CHAT;
    private static final String STRANGER = "5511977770999";
    private static final String SESSION = "/api/v1/namespaces/shop/sessions/loja/";

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/mcp")
    URI mcp;

    @BeforeEach
    void setUp() {
        RestAssured.requestSpecification = null;
        Sessions sessions = new Sessions(client);
        sessions.chatLimitedKey("forwarding-agent", KEY, "shop", CUSTOMER);
        sessions.appliedOnce("shop", "loja", SessionPodStandIn.POD_KEY);
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void aMessageWrittenInTheKeysChatCannotBeForwardedToAnotherNumber() throws Exception {
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", KEY));
        JsonNode written = agent.callTool("send_text", Map.of("session", "loja", "namespace", "shop", "to", CUSTOMER,
                "text", "meet me at 5"));
        assertThat(written.path("isError").asBoolean()).as("%s", written).isFalse();
        SessionPodStandIn.RECEIVED.clear();

        forward("{\"to\": \"" + STRANGER + "\"}").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"))
                .body("detail", containsString(STRANGER));
        forward("{\"to\": \"" + CUSTOMER + "\", \"to\": \"" + STRANGER + "\"}").then().statusCode(403)
                .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));
        forward("{\"metadata\": {}}").then().statusCode(403)
                .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));
        given().header("X-Api-Key", KEY).contentType(ContentType.TEXT).body("{\"to\": \"" + STRANGER + "\"}")
                .post(SESSION + "messages/m-1/forward").then().statusCode(403)
                .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));

        assertThat(SessionPodStandIn.RECEIVED).extracting(SessionPodStandIn.Received::method).doesNotContain("POST");
    }

    @Test
    void aBodyLargerThanTheGatewayReadsIsRefused() {
        String padding = "x".repeat(ChatGuard.MAX_JUDGED_BODY);
        forward("{\"to\": \"" + CUSTOMER + "\", \"metadata\": {\"pad\": \"" + padding + "\"}}").then().statusCode(403)
                .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"))
                .body("detail", containsString("at most " + ChatGuard.MAX_JUDGED_BODY + " bytes"));
        assertThat(SessionPodStandIn.RECEIVED).extracting(SessionPodStandIn.Received::method).doesNotContain("POST");
    }

    @Test
    void aMessageIsForwardedWithinTheKeysChat() {
        String body = "{\"to\": \"+" + CUSTOMER + "\", \"metadata\": {\"ticket\": 7}}";
        forward(body).then().statusCode(202).body("forwarded.to", equalTo("+" + CUSTOMER));

        assertThat(SessionPodStandIn.RECEIVED).filteredOn(at -> "POST".equals(at.method())).singleElement()
                .satisfies(at -> {
                    assertThat(at.uri()).isEqualTo("/api/v1/sessions/loja/messages/m-1/forward");
                    assertThat(at.body()).isEqualTo(body);
                    assertThat(at.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY);
                });
    }

    @Test
    void aShapeNotOnTheListIsRefusedEvenInTheKeysChat() {
        for (String path : new String[] {"chats/" + CUSTOMER_JID + "/not-an-operation",
                "chats/" + CUSTOMER_JID + "/messages/m-1", "messages/m-1/forward/again"}) {
            given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body("{}").post(SESSION + path)
                    .then().statusCode(403)
                    .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"))
                    .body("detail", containsString("POST " + path + " is not among the calls"));
        }
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON)
                .body("{\"add\": [\"" + STRANGER + "\"]}").post(SESSION + "groups/" + CUSTOMER_JID + "/participants")
                .then().statusCode(403).body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    private static io.restassured.response.Response forward(String body) {
        return given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(body)
                .post(SESSION + "messages/m-1/forward");
    }
}
