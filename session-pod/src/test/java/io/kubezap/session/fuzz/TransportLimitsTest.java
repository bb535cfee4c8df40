package io.kubezap.session.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.Api;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP layer's refusals, sent on a plain socket (clients refuse to send most of these): each is a problem body
 * in the API's words, nothing is done, and none leaves the connection hanging.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TransportLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    SimulatedWhatsApp whatsapp;

    record Answer(int status, String head, JsonNode problem) {
    }

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void aUriTooLongIs414WithAProblemBody() throws IOException {
        Answer answer = send("GET " + SESSION + "/messages?chat=" + "9".repeat(9000) + " HTTP/1.1\r\n" + hostAndKey() + "\r\n");
        assertProblem(answer, 414, "longer than 8192 characters");
    }

    @Test
    void headersTooLargeAre431WithAProblemBody() throws IOException {
        Answer answer = send("GET " + SESSION + " HTTP/1.1\r\n" + hostAndKey() + "X-Padding: " + "p".repeat(30_000) + "\r\n\r\n");
        assertProblem(answer, 431, "headers are larger than");
    }

    /** Vert.x's header validation is on (it also guards every response header): its bare 400, before any route. */
    @Test
    void aNulInAHeaderIs400AndNothingIsSent() throws IOException {
        String body = "{\"to\":\"5511988887777\",\"text\":\"oi\"}";
        Answer answer = send("POST " + SESSION + "/messages HTTP/1.1\r\n" + hostAndKey() + "X-Trace: a\u0000b\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(answer.status()).as(answer.head()).isEqualTo(400);
        assertThat(authorized().get(SESSION + "/messages").then().statusCode(200).extract().<java.util.List<?>>path("items")).isEmpty();
    }

    @Test
    void aMalformedHeaderNameIs400() throws IOException {
        Answer answer = send("GET " + SESSION + " HTTP/1.1\r\n" + hostAndKey() + "X(Trace): 1\r\n\r\n");
        assertThat(answer.status()).as(answer.head()).isEqualTo(400);
    }

    @Test
    void aBodyTooLargeIs413WithAProblemBodyAndNothingIsSent() throws IOException {
        Answer answer = send("POST " + SESSION + "/messages HTTP/1.1\r\n" + hostAndKey()
                + "Content-Type: application/json\r\nContent-Length: 200000000\r\n\r\n{\"to\":\"5511988887777\",\"text\":\"");
        assertProblem(answer, 413, "body is larger than");
        assertThat(authorized().get(SESSION + "/messages").then().statusCode(200).extract().<java.util.List<?>>path("items")).isEmpty();
    }

    @Test
    void aGetWithALargeBodyOnTheEventStreamIsRefusedAtOnce() throws IOException {
        Answer answer = send("GET " + SESSION + "/events/stream HTTP/1.1\r\n" + hostAndKey()
                + "Accept: text/event-stream\r\nContent-Length: 5000000\r\n\r\n" + "x".repeat(64 * 1024));
        assertProblem(answer, 400, "event stream carries no body");
    }

    private String hostAndKey() {
        return "Host: 127.0.0.1\r\nX-Api-Key: " + Api.KEY + "\r\n";
    }

    private static void assertProblem(Answer answer, int status, String detail) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.head().toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(answer.problem().path("status").asInt()).isEqualTo(status);
        assertThat(answer.problem().path("type").asText()).startsWith("https://kubezap.io/problems/");
        assertThat(answer.problem().path("detail").asText()).contains(detail);
    }

    /** Writes the raw request and reads one answer (the server closes the connection after a refusal). */
    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedWhileWriting) {
                // the server may answer and close before it read everything; the answer is still there to read
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("an answer before the connection closed: %s", head).isNotNegative();
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headText.split(" ")[1]);
            int length = headText.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
            byte[] body = in.readNBytes(length);
            return new Answer(status, headText, length == 0 ? JSON.createObjectNode() : JSON.readTree(body));
        }
    }
}
