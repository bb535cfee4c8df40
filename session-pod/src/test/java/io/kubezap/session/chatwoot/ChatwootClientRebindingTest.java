package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.CheckedHttp;
import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S6, performed on Chatwoot's client: the name answers the egress check with the address the cluster admin
 * allows (127.0.0.2) and any later lookup with loopback (127.0.0.1, where "localhost" goes), where another server
 * listens on the same port. The tenant's {@code api_access_token} must reach only the address that was checked.
 */
class ChatwootClientRebindingTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<String> allowedTokens = new CopyOnWriteArrayList<>();
    private final List<String> allowedHosts = new CopyOnWriteArrayList<>();
    private final List<String> loopbackTokens = new CopyOnWriteArrayList<>();
    private HttpServer allowed;
    private HttpServer loopback;

    @AfterEach
    void stop() {
        for (HttpServer server : new HttpServer[]{allowed, loopback}) {
            if (server != null) {
                server.stop(0);
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckNeverGetsTheAccessToken() throws Exception {
        allowed = server(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), allowedTokens, allowedHosts);
        int port = allowed.getAddress().getPort();
        loopback = server(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), loopbackTokens, new CopyOnWriteArrayList<>());
        AtomicInteger lookups = new AtomicInteger();
        EgressRule rule = new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("127.0.0.2/32")), AddressList.NONE, "",
                host -> new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")});
        ChatwootClient client = new ChatwootClient("http://localhost:" + port, 1, "tenant-token", Duration.ofSeconds(10),
                new CheckedHttp(vertx, rule, ChatwootClient.MAX_ANSWER), new ObjectMapper());

        String answered = client.get("/inboxes").path("from").asText();

        assertThat(loopbackTokens).as("tokens at the loopback listener").isEmpty();
        assertThat(answered).isEqualTo("allowed");
        assertThat(allowedTokens).containsExactly("tenant-token");
        assertThat(allowedHosts).containsExactly("localhost:" + port);
        assertThat(lookups).hasValue(1);
    }

    private static HttpServer server(InetSocketAddress listen, List<String> tokens, List<String> hosts) throws Exception {
        HttpServer server = HttpServer.create(listen, 0);
        String from = listen.getAddress().getHostAddress().equals("127.0.0.2") ? "allowed" : "loopback";
        server.createContext("/", exchange -> {
            try (exchange) {
                tokens.add(exchange.getRequestHeaders().getFirst(ChatwootClient.TOKEN_HEADER));
                hosts.add(exchange.getRequestHeaders().getFirst("Host"));
                byte[] body = ("{\"from\": \"" + from + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }
}
