package io.kubezap.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's MCP server (Streamable HTTP at /mcp) against the session pod stand-in: its tools, each one call of the
 * session API with the pod's own key, allowed and refused as that REST call would be. End to end with the TypeScript
 * SDK, a real pod and the simulated phone: system-tests {@code McpIT}.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class McpServerTest {

    private static final String SEND_KEY = "mcp-send-key";
    private static final String BACK_OFFICE_KEY = "mcp-back-office-key";
    private static final String ONE_CHAT_KEY = "mcp-one-chat-key";
    private static final String CUSTOMER = "5511977770001";
    private static final String STRANGER = "5511977770999";

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/mcp")
    URI mcp;

    @BeforeEach
    void setUp() {
        Sessions sessions = new Sessions(client);
        sessions.gatewayKey("mcp-send", SEND_KEY, "send", "shop", null);
        sessions.gatewayKey("mcp-back-office", BACK_OFFICE_KEY, "send", "back-office", null);
        sessions.chatLimitedKey("mcp-one-chat", ONE_CHAT_KEY, "shop", CUSTOMER);
        sessions.appliedOnce("shop", "loja", SessionPodStandIn.POD_KEY);
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void anAgentListsTheToolsAndSendsATextThroughTheSessionPod() throws Exception {
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", SEND_KEY));

        JsonNode tools = agent.request("tools/list", Map.of()).path("tools");
        assertThat(tools.findValuesAsText("name"))
                .contains("list_chats", "list_messages", "send_text", "send_media", "react", "mark_read");

        JsonNode sent = agent.callTool("send_text", Map.of("session", "loja", "namespace", "shop", "to", CUSTOMER,
                "text", "Olá do agente"));
        assertThat(sent.path("isError").asBoolean()).as("%s", sent).isFalse();
        assertThat(McpClient.text(sent)).contains("\"id\":\"m-1\"");
        SessionPodStandIn.Received atThePod = only("POST", "/api/v1/sessions/loja/messages");
        assertThat(atThePod.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY);
        assertThat(atThePod.body()).contains("\"to\":\"" + CUSTOMER + "\"").contains("\"text\":\"Olá do agente\"");
    }

    @Test
    void eachToolIsTheSessionApiCallItNames() throws Exception {
        McpClient agent = McpClient.connected(mcp, Map.of("Authorization", "Bearer " + SEND_KEY));
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");

        agent.callTool("list_messages", with(inShop, Map.of("chat", CUSTOMER, "limit", 5)));
        agent.callTool("mark_read", with(inShop, Map.of("chat", CUSTOMER)));
        agent.callTool("react", with(inShop, Map.of("messageId", "m-7", "emoji", "👍")));
        agent.callTool("send_media", with(inShop, Map.of("to", CUSTOMER, "type", "image",
                "url", "https://example.com/cat.png", "caption", "um gato")));

        assertThat(SessionPodStandIn.RECEIVED).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET /api/v1/sessions/loja/chats/" + CUSTOMER + "/messages?limit=5",
                "POST /api/v1/sessions/loja/chats/" + CUSTOMER + "/read",
                "POST /api/v1/sessions/loja/messages/m-7/reactions",
                "POST /api/v1/sessions/loja/messages");
        assertThat(SessionPodStandIn.RECEIVED.get(2).body()).isEqualTo("{\"emoji\":\"👍\"}");
        assertThat(SessionPodStandIn.RECEIVED.get(3).body()).contains("\"type\":\"image\"")
                .contains("\"media\":{\"url\":\"https://example.com/cat.png\"}").contains("\"caption\":\"um gato\"");
    }

    @Test
    void anAgentSwitchesTheAiResponderOffAndOnInOneChat() throws Exception {
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", SEND_KEY));
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");

        JsonNode off = agent.callTool("set_ai_responder", with(inShop, Map.of("chat", CUSTOMER, "enabled", false)));
        JsonNode on = agent.callTool("set_ai_responder", with(inShop, Map.of("chat", CUSTOMER, "enabled", true)));

        assertThat(off.path("isError").asBoolean()).as("%s", off).isFalse();
        assertThat(McpClient.text(off)).contains("\"enabled\":false");
        assertThat(on.path("isError").asBoolean()).as("%s", on).isFalse();
        assertThat(SessionPodStandIn.RECEIVED).extracting(r -> r.method() + " " + r.uri() + " " + r.body()).containsExactly(
                "PUT /api/v1/sessions/loja/chats/" + CUSTOMER + "/ai-responder {\"enabled\":false}",
                "PUT /api/v1/sessions/loja/chats/" + CUSTOMER + "/ai-responder {\"enabled\":true}");
    }

    @Test
    void anAgentSendsAProductCardToTheChatItsKeyAllows() throws Exception {
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", SEND_KEY));
        JsonNode sent = agent.callTool("send_product", with(inShop, Map.of("chat", CUSTOMER, "productId", "7002",
                "body", "Chegou hoje")));
        assertThat(sent.path("isError").asBoolean()).as("%s", sent).isFalse();
        assertThat(only("POST", "/api/v1/sessions/loja/product").body())
                .isEqualTo("{\"chatId\":\"" + CUSTOMER + "\",\"productId\":\"7002\",\"body\":\"Chegou hoje\"}");

        SessionPodStandIn.RECEIVED.clear();
        McpClient limited = McpClient.connected(mcp, Map.of("X-Api-Key", ONE_CHAT_KEY));
        JsonNode elsewhere = limited.callTool("send_product", with(inShop, Map.of("chat", STRANGER, "productId", "7002")));
        assertThat(McpClient.text(elsewhere)).contains("403").contains("chat-not-allowed");
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
        JsonNode allowed = limited.callTool("send_product", with(inShop, Map.of("chat", CUSTOMER, "productId", "7002")));
        assertThat(McpClient.text(allowed)).doesNotContain("chat-not-allowed");
        only("POST", "/api/v1/sessions/loja/product");
    }

    @Test
    void anAgentSendsAnAlbumToTheChatItsKeyAllows() throws Exception {
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", SEND_KEY));
        JsonNode sent = agent.callTool("send_album", with(inShop, Map.of("chat", CUSTOMER,
                "urls", List.of("https://cdn.example/1.jpg", "https://cdn.example/2.mp4"),
                "types", List.of("image", "video"), "captions", List.of("Frente"))));
        assertThat(sent.path("isError").asBoolean()).as("%s", sent).isFalse();
        assertThat(only("POST", "/api/v1/sessions/loja/albums").body()).isEqualTo("{\"chatId\":\"" + CUSTOMER + "\",\"items\":["
                + "{\"type\":\"image\",\"media\":{\"url\":\"https://cdn.example/1.jpg\"},\"caption\":\"Frente\"},"
                + "{\"type\":\"video\",\"media\":{\"url\":\"https://cdn.example/2.mp4\"}}]}");

        SessionPodStandIn.RECEIVED.clear();
        McpClient limited = McpClient.connected(mcp, Map.of("X-Api-Key", ONE_CHAT_KEY));
        JsonNode elsewhere = limited.callTool("send_album", with(inShop, Map.of("chat", STRANGER,
                "urls", List.of("https://cdn.example/1.jpg", "https://cdn.example/2.jpg"))));
        assertThat(McpClient.text(elsewhere)).contains("403").contains("chat-not-allowed");
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void anAgentSendsButtonsAndAListToTheChatItsKeyAllows() throws Exception {
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", SEND_KEY));
        JsonNode buttons = agent.callTool("send_buttons", with(inShop, Map.of("chat", CUSTOMER, "text", "Confirma o pedido?",
                "buttons", List.of("Sim", "Não"), "buttonIds", List.of("yes"), "footer", "Loja")));
        JsonNode list = agent.callTool("send_list", with(inShop, Map.of("chat", CUSTOMER, "text", "Escolha o horário",
                "buttonText", "Horários", "rows", List.of("Manhã", "Tarde"), "rowIds", List.of("am", "pm"),
                "rowDescriptions", List.of("8h às 12h"), "sectionTitle", "Sábado")));

        assertThat(buttons.path("isError").asBoolean()).as("%s", buttons).isFalse();
        assertThat(list.path("isError").asBoolean()).as("%s", list).isFalse();
        assertThat(SessionPodStandIn.RECEIVED).extracting(r -> r.method() + " " + r.uri() + " " + r.body()).containsExactly(
                "POST /api/v1/sessions/loja/buttons {\"chatId\":\"" + CUSTOMER + "\",\"text\":\"Confirma o pedido?\","
                        + "\"footer\":\"Loja\",\"buttons\":[{\"id\":\"yes\",\"text\":\"Sim\"},{\"id\":\"Não\",\"text\":\"Não\"}]}",
                "POST /api/v1/sessions/loja/lists {\"chatId\":\"" + CUSTOMER + "\",\"text\":\"Escolha o horário\","
                        + "\"buttonText\":\"Horários\",\"sections\":[{\"title\":\"Sábado\",\"rows\":["
                        + "{\"id\":\"am\",\"title\":\"Manhã\",\"description\":\"8h às 12h\"},{\"id\":\"pm\",\"title\":\"Tarde\"}]}]}");

        SessionPodStandIn.RECEIVED.clear();
        McpClient limited = McpClient.connected(mcp, Map.of("X-Api-Key", ONE_CHAT_KEY));
        JsonNode buttonsElsewhere = limited.callTool("send_buttons", with(inShop, Map.of("chat", STRANGER, "text", "Oi",
                "buttons", List.of("Sim"))));
        JsonNode listElsewhere = limited.callTool("send_list", with(inShop, Map.of("chat", STRANGER, "text", "Oi",
                "buttonText", "Ver", "rows", List.of("Manhã"))));
        assertThat(McpClient.text(buttonsElsewhere)).contains("403").contains("chat-not-allowed");
        assertThat(McpClient.text(listElsewhere)).contains("403").contains("chat-not-allowed");
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void anAgentSendsACarouselAndAnHdPhotoToTheChatItsKeyAllows() throws Exception {
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", SEND_KEY));
        JsonNode carousel = agent.callTool("send_carousel", with(inShop, Map.of("chat", CUSTOMER, "text", "Nossos bolos",
                "images", List.of("https://example.com/choco.jpg", "https://example.com/cenoura.jpg"),
                "bodies", List.of("Chocolate, 1 kg", "Cenoura, 1 kg"), "titles", List.of("Chocolate"),
                "buttons", List.of("Comprar", "Detalhes"), "buttonIds", List.of("choco-buy"), "footer", "Loja")));
        JsonNode photo = agent.callTool("send_media", with(inShop, Map.of("to", CUSTOMER, "type", "image",
                "url", "https://example.com/bolo.jpg", "hd", true)));

        assertThat(carousel.path("isError").asBoolean()).as("%s", carousel).isFalse();
        assertThat(photo.path("isError").asBoolean()).as("%s", photo).isFalse();
        assertThat(SessionPodStandIn.RECEIVED).extracting(r -> r.method() + " " + r.uri() + " " + r.body()).containsExactly(
                "POST /api/v1/sessions/loja/carousel {\"chatId\":\"" + CUSTOMER + "\",\"text\":\"Nossos bolos\","
                        + "\"footer\":\"Loja\",\"cards\":["
                        + "{\"image\":{\"url\":\"https://example.com/choco.jpg\"},\"title\":\"Chocolate\",\"body\":\"Chocolate, 1 kg\","
                        + "\"buttons\":[{\"id\":\"choco-buy\",\"text\":\"Comprar\"},{\"id\":\"1:Detalhes\",\"text\":\"Detalhes\"}]},"
                        + "{\"image\":{\"url\":\"https://example.com/cenoura.jpg\"},\"body\":\"Cenoura, 1 kg\","
                        + "\"buttons\":[{\"id\":\"2:Comprar\",\"text\":\"Comprar\"},{\"id\":\"2:Detalhes\",\"text\":\"Detalhes\"}]}]}",
                "POST /api/v1/sessions/loja/messages {\"to\":\"" + CUSTOMER + "\",\"type\":\"image\","
                        + "\"media\":{\"url\":\"https://example.com/bolo.jpg\"},\"hd\":true}");

        SessionPodStandIn.RECEIVED.clear();
        McpClient limited = McpClient.connected(mcp, Map.of("X-Api-Key", ONE_CHAT_KEY));
        JsonNode elsewhere = limited.callTool("send_carousel", with(inShop, Map.of("chat", STRANGER, "text", "Oi",
                "images", List.of("https://example.com/a.jpg", "https://example.com/b.jpg"), "bodies", List.of("A", "B"),
                "buttons", List.of("Ver"))));
        assertThat(McpClient.text(elsewhere)).contains("403").contains("chat-not-allowed");
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void withoutAKeyTheMcpServerAnswers401() throws Exception {
        McpClient nobody = McpClient.connectedOrNot(mcp, Map.of());
        HttpResponse<String> refused = nobody.post(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(refused.body()).contains("https://kubezap.io/problems/unauthorized");

        HttpResponse<String> wrongKey = McpClient.connectedOrNot(mcp, Map.of("X-Api-Key", "not-a-key"))
                .post(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list"));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
    }

    /** Issue 68 item 7: the filter judged the raw path, which the router matches only once normalised. */
    @Test
    void everySpellingOfTheMcpPathNeedsAKey() throws Exception {
        for (String spelling : List.of("/%6Dcp", "/%6d%63%70", "/x/../mcp", "/./mcp", "/%2e/mcp", "//mcp", "/mcp/", "/x/..//mcp")) {
            URI elsewhere = URI.create(mcp.toString().replaceFirst("/mcp$", spelling));
            HttpResponse<String> answer = McpClient.connectedOrNot(elsewhere, Map.of()).post(Map.of("jsonrpc", "2.0",
                    "id", 1, "method", "initialize", "params", Map.of("protocolVersion", "2025-06-18",
                            "capabilities", Map.of(), "clientInfo", Map.of("name", "intruder", "version", "1"))));
            assertThat(answer.statusCode()).as("%s answered %s", spelling, answer.body()).isEqualTo(401);
        }
    }

    @Test
    void aKeyForAnotherNamespaceIsRefusedAndNothingReachesThePod() throws Exception {
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", BACK_OFFICE_KEY));

        JsonNode refused = agent.callTool("send_text", Map.of("session", "loja", "namespace", "shop", "to", CUSTOMER,
                "text", "não devia chegar"));

        assertThat(refused.path("isError").asBoolean()).as("%s", refused).isTrue();
        assertThat(McpClient.text(refused)).contains("403").contains("forbidden");
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void aKeyLimitedToOneChatSendsThereAndNowhereElse() throws Exception {
        McpClient agent = McpClient.connected(mcp, Map.of("X-Api-Key", ONE_CHAT_KEY));
        Map<String, Object> inShop = Map.of("session", "loja", "namespace", "shop");

        JsonNode elsewhere = agent.callTool("send_text", with(inShop, Map.of("to", STRANGER, "text", "oi")));
        assertThat(elsewhere.path("isError").asBoolean()).as("%s", elsewhere).isTrue();
        assertThat(McpClient.text(elsewhere)).contains("403").contains("chat-not-allowed");
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();

        JsonNode allowed = agent.callTool("send_text", with(inShop, Map.of("to", "+" + CUSTOMER, "text", "oi")));
        assertThat(allowed.path("isError").asBoolean()).as("%s", allowed).isFalse();
        only("POST", "/api/v1/sessions/loja/messages");

        SessionPodStandIn.RECEIVED.clear();
        JsonNode otherChatsMessages = agent.callTool("list_messages", with(inShop, Map.of("chat", STRANGER)));
        assertThat(McpClient.text(otherChatsMessages)).contains("chat-not-allowed");
        JsonNode reacted = agent.callTool("react", with(inShop, Map.of("messageId", "m-1", "emoji", "❤")));
        assertThat(McpClient.text(reacted)).as("a message of the allowed chat").doesNotContain("chat-not-allowed");
        assertThat(SessionPodStandIn.RECEIVED).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET /api/v1/sessions/loja/messages/m-1", "POST /api/v1/sessions/loja/messages/m-1/reactions");
    }

    private static Map<String, Object> with(Map<String, Object> common, Map<String, Object> arguments) {
        var all = new java.util.HashMap<String, Object>(common);
        all.putAll(arguments);
        return all;
    }

    private static SessionPodStandIn.Received only(String method, String uri) {
        List<SessionPodStandIn.Received> received = SessionPodStandIn.RECEIVED;
        assertThat(received).extracting(r -> r.method() + " " + r.uri()).containsExactly(method + " " + uri);
        return received.get(0);
    }
}
