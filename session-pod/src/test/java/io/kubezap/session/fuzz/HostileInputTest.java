package io.kubezap.session.fuzz;

import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.kubezap.session.testing.Api.KEY;
import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad input the issue named: each answered 4xx with a problem body, and nothing done. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    @Inject
    SimulatedWhatsApp whatsapp;

    @TestHTTPResource(SESSION + "/messages")
    URL messages;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void anEmptyAcceptIsRefusedBeforeTheSendHappens() {
        authorized().header("Accept", " ").body("{\"to\":\"5511988887777\",\"text\":\"once\"}").post(SESSION + "/messages")
                .then().statusCode(406).contentType("application/problem+json");
        assertNothingStored();
    }

    @Test
    void anEmptyContentTypeIsUnsupportedNotAServerError() throws Exception {
        // RestAssured fills an empty Content-Type in, so the request goes as a client sending the bare header would
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(messages.toURI())
                .header("X-Api-Key", KEY).header("Content-Type", "")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"5511988887777\",\"text\":\"once\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":415");
        assertNothingStored();
    }

    @Test
    void trailingDataAfterTheJsonIsRefused() {
        authorized().body("{\"to\":\"5511988887777\",\"text\":\"hi\"} {\"to\":\"5511977776666\"}").post(SESSION + "/messages")
                .then().statusCode(400).body("detail", containsString("more data after its JSON value"));
        assertNothingStored();
    }

    @Test
    void nulInATextIsRefusedNamingTheField() {
        authorized().body("{\"to\":\"5511988887777\",\"text\":\"a\\u0000b\"}").post(SESSION + "/messages")
                .then().statusCode(400).body("detail", equalTo("Field 'text' must not contain NUL characters"));
        assertNothingStored();
    }

    @Test
    void aMinusSignIsNotAPhoneNumber() {
        authorized().body("{\"to\":\"-5511988887777\",\"text\":\"x\"}").post(SESSION + "/messages")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        assertNothingStored();
    }

    @Test
    void wrongJsonTypesGetAProblemInTheApiOwnWords() {
        authorized().body("{\"to\":123,\"text\":[]}").post(SESSION + "/messages")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo("Field 'text' has the wrong type"));
    }

    @Test
    void queryValuesAreCheckedBeforeAnyQuery() {
        authorized().queryParam("limit", "\u0661\u0662").get(SESSION + "/messages").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        authorized().queryParam("from", "+1000000000-01-01T00:00:00Z").get(SESSION + "/events").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        authorized().urlEncodingEnabled(false).get(SESSION + "/chats/%20/messages").then().statusCode(400)
                .body("errors[0].field", equalTo("jid"));
        authorized().urlEncodingEnabled(false).get(SESSION + "/messages/a%00b").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownQrFormatIsAnErrorEvenWithoutAQr() {
        authorized().queryParam("format", "bogus").get(SESSION + "/qr").then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void headOnTheEventStreamAnswersWithoutStreaming() {
        authorized().head(SESSION + "/events/stream").then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream"));
    }

    @Test
    void aJsonBodyTooLargeToHoldInMemoryIsRefusedBeforeItIsRead() {
        String padding = "a".repeat(25 * 1024 * 1024);
        authorized().body("{\"to\":\"5511988887777\",\"type\":\"document\",\"media\":{\"data\":\"" + padding + "\"}}")
                .post(SESSION + "/messages").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("multipart/form-data"));
        assertNothingStored();
    }

    private static void assertNothingStored() {
        assertThat(authorized().get(SESSION + "/messages").then().statusCode(200).extract().<java.util.List<?>>path("items")).isEmpty();
    }
}
