package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AI agent made with the official MCP TypeScript SDK ({@code @modelcontextprotocol/sdk}, as
 * src/test/mcp-client's package-lock.json pins it) talks to the gateway's MCP server in front of a real session pod:
 * it lists the tools, sends a text that the simulated phone receives, reads it back in the chat's messages; calls
 * without a key, with a key for another namespace, and to a chat the key does not allow are refused, and the phone
 * they aimed at gets nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpIT {

    static final String SESSION = "agentes";
    static final String OWNER = "5511988880601";
    static final String CUSTOMER = "5511977770602";
    static final String STRANGER = "5511977770603";
    static final String ADMIN_KEY = "gateway-key-of-the-mcp-test";
    static final String AGENT_KEY = "gateway-key-of-the-agent";
    static final String ELSEWHERE_KEY = "gateway-key-of-an-agent-elsewhere";
    static final String ONE_CHAT_KEY = "gateway-key-of-an-agent-for-one-chat";

    private final TheSystem system = TheSystem.get();
    private Path client;
    private URI mcp;

    @BeforeAll
    void aLinkedSessionBehindTheGateway() throws Exception {
        client = NpmPackages.assumeInstalled("system-tests/src/test/mcp-client", "the MCP client's");
        system.gatewayKey("mcp-admin-key", ADMIN_KEY, "admin", "*");
        system.gatewayKey("mcp-agent-key", AGENT_KEY, "send", TheSystem.NAMESPACE);
        system.gatewayKey("mcp-elsewhere-key", ELSEWHERE_KEY, "send", "elsewhere");
        system.gatewayKey("mcp-one-chat-key", Map.of("key", ONE_CHAT_KEY, "role", "send",
                "namespaces", TheSystem.NAMESPACE, "chats", CUSTOMER));
        URI gateway = system.gateways().get(0);
        mcp = gateway.resolve("/mcp");
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja dos agentes"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente do agente"));
        system.control("POST", "/api/phones", Map.of("number", STRANGER, "pushName", "Outra pessoa"));
        system.linkedThroughGateway(gateway, ADMIN_KEY, SESSION, OWNER);
    }

    @Test
    void anAgentListsTheToolsSendsATextThePhoneReceivesAndReadsItBack() throws Exception {
        String text = "Olá, aqui é o agente";
        JsonNode sent = agent(AGENT_KEY, "send_text", inSession("to", CUSTOMER, "text", text));

        assertThat(sent.path("tools")).extracting(JsonNode::asText)
                .contains("list_chats", "list_messages", "send_text", "send_media", "react", "mark_read");
        assertThat(sent.path("result").path("isError").asBoolean()).as("%s", sent).isFalse();
        TheSystem.await("the phone has the agent's text", () -> system.inboxHas(CUSTOMER, text));

        JsonNode listed = agent(AGENT_KEY, "list_messages", inSession("chat", CUSTOMER, "limit", 5));
        assertThat(resultText(listed)).contains(text);
        JsonNode chats = agent(AGENT_KEY, "list_chats", inSession());
        assertThat(resultText(chats)).contains(CUSTOMER + "@s.whatsapp.net");
    }

    @Test
    void unauthorizedCallsAreRefusedAndReachNoPhone() throws Exception {
        JsonNode withoutKey = agent(null, "send_text", inSession("to", STRANGER, "text", "sem chave"));
        assertThat(withoutKey.path("error").asText()).as("%s", withoutKey).contains("401");

        JsonNode elsewhere = agent(ELSEWHERE_KEY, "send_text",
                inSession("to", STRANGER, "text", "de outro namespace"));
        assertThat(elsewhere.path("result").path("isError").asBoolean()).as("%s", elsewhere).isTrue();
        assertThat(resultText(elsewhere)).contains("403").contains("forbidden");

        JsonNode notAllowed = agent(ONE_CHAT_KEY, "send_text",
                inSession("to", STRANGER, "text", "para um chat que a chave não tem"));
        assertThat(notAllowed.path("result").path("isError").asBoolean()).as("%s", notAllowed).isTrue();
        assertThat(resultText(notAllowed)).contains("chat-not-allowed");

        String allowed = "Só para o cliente";
        JsonNode sent = agent(ONE_CHAT_KEY, "send_text", inSession("to", CUSTOMER, "text", allowed));
        assertThat(sent.path("result").path("isError").asBoolean()).as("%s", sent).isFalse();
        TheSystem.await("the allowed chat has the text", () -> system.inboxHas(CUSTOMER, allowed));
        // a session sends in order: had a refused text reached the pod before the allowed one, it would be there by now
        assertThat(system.inboxHas(STRANGER, "sem chave")).isFalse();
        assertThat(system.inboxHas(STRANGER, "de outro namespace")).isFalse();
        assertThat(system.inboxHas(STRANGER, "para um chat que a chave não tem")).isFalse();
    }

    /** A tool's arguments naming the test's session and its namespace, with {@code more} (name, value, …). */
    private static Map<String, Object> inSession(Object... more) {
        var arguments = new java.util.HashMap<String, Object>(Map.of("session", SESSION, "namespace", TheSystem.NAMESPACE));
        for (int i = 0; i < more.length; i += 2) {
            arguments.put((String) more[i], more[i + 1]);
        }
        return arguments;
    }

    private static String resultText(JsonNode printed) {
        return printed.path("result").path("content").path(0).path("text").asText();
    }

    /** What the SDK client printed for one tool call made with {@code key} (none: no credentials at all). */
    private JsonNode agent(String key, String tool, Map<String, Object> arguments) throws IOException, InterruptedException {
        var asked = new java.util.HashMap<String, Object>(Map.of("url", mcp.toString(), "tool", tool, "arguments", arguments));
        if (key != null) {
            asked.put("key", key);
        }
        List<String> command = List.of("node", "agent.mjs", TheSystem.JSON.writeValueAsString(asked));
        Process process = new ProcessBuilder(command).directory(client.toFile()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the MCP client exited " + process.exitValue() + ":\n" + printed);
        }
        String last = printed.strip().lines().reduce((first, second) -> second).orElse("");
        return TheSystem.JSON.readTree(last);
    }
}
