package io.kubezap.session.api;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.Receipt;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.kubezap.session.testing.SimulatedWhatsApp.Delivered;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MessageApiTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";

    @Inject
    SimulatedWhatsApp whatsapp;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void aSentTextIsStoredQueuedThenSentWithItsWhatsAppId() {
        ValidatableResponse accepted = send("{\"to\":\"5511988887777\",\"text\":\"Olá!\"}").then().statusCode(202)
                .header("Location", containsString("/messages/"))
                .body("direction", equalTo("out"))
                .body("chat", equalTo(MARIA))
                .body("from", equalTo("5511999999999@s.whatsapp.net"))
                .body("text", equalTo("Olá!"));
        String id = accepted.extract().path("id");

        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().statusCode(200)
                .body("status", equalTo("sent"))
                .body("waMessageId", equalTo(onlyDelivered().waMessageId()))
                .body("statusHistory.status", contains("queued", "sent")));
        assertThat(onlyDelivered().text().chatJid()).isEqualTo(MARIA);
        authorized().queryParam("type", "message.sent").get(SESSION + "/events").then()
                .body("items[0].payload.id", equalTo(id));
        io.restassured.RestAssured.get(TestHTTPResourceManager.getManagementUri() + "/metrics").then().statusCode(200)
                .body(containsString("kubezap_messages_total{direction=\"out\",status=\"sent\"}"))
                .body(containsString("kubezap_send_latency_seconds_count"));
    }

    @Test
    void replyWithMentionsCarriesTheQuotedWhatsAppIdAndFullJids() {
        whatsapp.receive("WAID-IN-1", MARIA, "Tem em azul?");
        String incomingId = await().until(() -> authorized().get(SESSION + "/messages?direction=in").then()
                .extract().<String>path("items[0].id"), id -> id != null);

        send("{\"to\":\"" + MARIA + "\",\"text\":\"Temos sim @5511977776666\",\"quotedMessageId\":\"" + incomingId
                + "\",\"mentions\":[\"+55 11 97777-6666\"]}").then().statusCode(202);

        await().until(() -> whatsapp.delivered().size() == 1);
        Delivered reply = whatsapp.delivered().getFirst();
        assertThat(reply.text().quotedMessageId()).isEqualTo("WAID-IN-1");
        assertThat(reply.text().mentions()).containsExactly("5511977776666@s.whatsapp.net");
    }

    @Test
    void invalidSendsListTheOffendingFields() {
        send("{\"to\":\"12\",\"text\":\"\",\"mentions\":[\"abc\"]}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/validation-failed"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("errors.field", hasItems("text"));
        send("{\"to\":\"12\",\"text\":\"hi\",\"mentions\":[\"abc\"]}").then().statusCode(400)
                .body("errors.field", contains("to", "mentions[0]"));
        send("{\"to\":\"5511988887777\",\"text\":\"hi\",\"type\":\"carousel\"}").then().statusCode(400)
                .body("errors.field", contains("type"));
        send("not json").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/malformed-json"))
                .body(not(containsString("at com.")));
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(0));
    }

    @Test
    void idempotencyKeyReplaysTheOriginalMessageInsteadOfSendingTwice() {
        String body = "{\"to\":\"5511988887777\",\"text\":\"Pedido 42 confirmado\"}";
        String id = authorized().header("Idempotency-Key", "order-42").body(body).post(SESSION + "/messages")
                .then().statusCode(202).extract().path("id");
        authorized().header("Idempotency-Key", "order-42").body(body).post(SESSION + "/messages")
                .then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));

        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));
        assertThat(whatsapp.delivered()).hasSize(1);
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(1));

        authorized().header("Idempotency-Key", "order-42").body("{\"to\":\"5511988887777\",\"text\":\"Pedido 43\"}")
                .post(SESSION + "/messages").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/idempotency-key-reused"));
        assertThat(whatsapp.delivered()).hasSize(1);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyStoreAndSendOneMessage() throws Exception {
        String body = "{\"to\":\"5511988887777\",\"text\":\"uma vez só\"}";
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(clients.submit(() -> authorized().header("Idempotency-Key", "burst-1").body(body)
                        .post(SESSION + "/messages").then().statusCode(202).extract().<String>path("id")));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (var id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        await().until(() -> whatsapp.delivered().size() == 1);
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(1));
    }

    @Test
    void aSessionNeverPairedOrLoggedOutRefusesAndStoresNothing() {
        whatsapp.unlinkedFromPhone();
        send("{\"to\":\"5511988887777\",\"text\":\"hi\"}").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/session-not-paired"))
                .body("detail", containsString("WaitingForQR"));
        whatsapp.dropConnection(); // unpaired and offline: Reconnecting, but still nothing to send from
        send("{\"to\":\"5511988887777\",\"text\":\"hi\"}").then().statusCode(409)
                .body("detail", containsString("Reconnecting"));
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(0));
    }

    @Test
    void whileReconnectingASendIsQueuedAndGoesOutAfterReconnection() {
        whatsapp.dropConnection();
        String id = send("{\"to\":\"5511988887777\",\"text\":\"chega depois\"}").then().statusCode(202)
                .body("status", equalTo("queued")).extract().path("id");
        authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("queued"));
        assertThat(whatsapp.delivered()).isEmpty();

        whatsapp.reconnect();
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));
        assertThat(whatsapp.delivered()).extracting(d -> d.text().text()).containsExactly("chega depois");
    }

    @Test
    void transientRefusalsAreRetriedThenTheMessageGoesOut() {
        whatsapp.refuseNextSends(2, true);
        String id = send("{\"to\":\"5511988887777\",\"text\":\"insistente\"}").then().statusCode(202).extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));
        assertThat(whatsapp.delivered()).hasSize(1);
    }

    @Test
    void aSendWhoseAckNeverComesIsSentAgainUnderItsWhatsAppIdNotFailed() {
        whatsapp.leaveNextSendUnconfirmed();
        String id = send("{\"to\":\"5511988887777\",\"text\":\"sem confirmação\"}").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then()
                .body("status", equalTo("sent")));
        // WhatsApp keeps one message per id: the second send under the same id reaches the phone once
        assertThat(whatsapp.delivered()).extracting(Delivered::waMessageId).hasSize(2).containsOnly(whatsapp.delivered().get(0).waMessageId());
    }

    @Test
    void afterTheLastRetryTheMessageFailsWithTheReason() {
        whatsapp.refuseNextSends(3, true);
        String id = send("{\"to\":\"5511988887777\",\"text\":\"sem sorte\"}").then().statusCode(202).extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then()
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("server busy (simulated 503)"))
                .body("failureReason", containsString("3 attempts"))
                .body("statusHistory.status", contains("queued", "failed")));
        assertThat(whatsapp.delivered()).isEmpty();

        whatsapp.refuseNextSends(1, false);
        String permanent = send("{\"to\":\"5511988887777\",\"text\":\"número errado\"}").then().extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + permanent).then()
                .body("status", equalTo("failed"))
                .body("failureReason", equalTo("recipient not on WhatsApp")));
        authorized().queryParam("type", "message.failed").get(SESSION + "/events").then()
                .body("items[0].payload.id", equalTo(permanent));
    }

    @Test
    void sendsArePacedToTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            send("{\"to\":\"5511988887777\",\"text\":\"msg " + i + "\"}").then().statusCode(202);
        }
        await().until(() -> whatsapp.delivered().size() == 3);
        List<Delivered> sent = whatsapp.delivered();
        // 600 per minute: 100 ms between two sends (the simulator stamps a send slightly after the worker paced it)
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1).at(), sent.get(i).at())).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        }
    }

    @Test
    void receiptsMoveTheStatusForwardWithTimestamps() {
        String id = send("{\"to\":\"5511988887777\",\"text\":\"recibo\"}").then().extract().path("id");
        await().until(() -> whatsapp.delivered().size() == 1);
        String waId = whatsapp.delivered().getFirst().waMessageId();
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));

        whatsapp.receipt(waId, MARIA, Receipt.DELIVERED);
        whatsapp.receipt(waId, MARIA, Receipt.READ);
        whatsapp.receipt(waId, MARIA, Receipt.DELIVERED); // late duplicate: ignored

        authorized().get(SESSION + "/messages/" + id).then()
                .body("status", equalTo("read"))
                .body("statusHistory.status", contains("queued", "sent", "delivered", "read"))
                .body("statusHistory[3].at", notNullValue());
        authorized().queryParam("type", "message.status").get(SESSION + "/events").then()
                .body("items[0].payload.status", equalTo("read"));
    }

    @Test
    void aGroupMessageHasReceiptsPerParticipant() {
        String group = "120363000000000077@g.us";
        String ana = "5511988880011@s.whatsapp.net";
        String bia = "5511988880022@s.whatsapp.net";
        String id = send("{\"to\":\"" + group + "\",\"text\":\"Bom dia, @5511988880011\",\"mentions\":[\"" + ana + "\"]}")
                .then().statusCode(202).extract().path("id");
        await().until(() -> whatsapp.delivered().size() == 1);
        String waId = whatsapp.delivered().getFirst().waMessageId();
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));

        whatsapp.emit(new EngineEvent.ReceiptReceived(waId, group, Receipt.DELIVERED, Instant.parse("2026-11-22T10:00:00Z"), ana));
        whatsapp.emit(new EngineEvent.ReceiptReceived(waId, group, Receipt.DELIVERED, Instant.parse("2026-11-22T10:00:01Z"), bia));
        whatsapp.emit(new EngineEvent.ReceiptReceived(waId, group, Receipt.READ, Instant.parse("2026-11-22T10:00:02Z"), ana));
        whatsapp.emit(new EngineEvent.ReceiptReceived(waId, group, Receipt.DELIVERED, Instant.parse("2026-11-22T10:00:03Z"), ana)); // late

        authorized().get(SESSION + "/messages/" + id + "/receipts").then().statusCode(200)
                .body("participant", contains(bia, ana))
                .body("status", contains("delivered", "read"))
                .body("at", contains("2026-11-22T10:00:01Z", "2026-11-22T10:00:02Z"));
        authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("read")).body("mentions", contains(ana));
        authorized().get(SESSION + "/messages/nope/receipts").then().statusCode(404);
    }

    @Test
    void aGroupMessageNamesItsParticipant() {
        String group = "120363000000000088@g.us";
        whatsapp.emit(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("WAID-G", group, MARIA, "Maria",
                new io.kubezap.session.engine.MessageContent.Text("Oi grupo"), null, List.of(), Instant.now())));

        authorized().get(SESSION + "/messages?chat=" + group).then().statusCode(200)
                .body("items[0].participant", equalTo(MARIA))
                .body("items[0].pushName", equalTo("Maria"));
        authorized().queryParam("type", "message.received").get(SESSION + "/events").then()
                .body("items[0].payload.participant", equalTo(MARIA));
    }

    @Test
    void incomingMessagesAreStoredWithTheirChatOnce() {
        whatsapp.receive("WAID-A", MARIA, "Bom dia");
        whatsapp.receive("WAID-A", MARIA, "Bom dia"); // redelivered by WhatsApp
        whatsapp.receive("WAID-B", MARIA, "Tudo bem?");

        authorized().get(SESSION + "/messages?direction=in").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.text", contains("Tudo bem?", "Bom dia"))
                .body("items[0].status", equalTo("received"))
                .body("items[0].pushName", equalTo("Maria"));
        authorized().get(SESSION + "/chats").then().statusCode(200)
                .body("items[0].jid", equalTo(MARIA))
                .body("items[0].name", equalTo("Maria"))
                .body("items[0].messageCount", equalTo(2));
        authorized().get(SESSION + "/chats/5511988887777").then().statusCode(200).body("jid", equalTo(MARIA));
        authorized().get(SESSION + "/chats/" + MARIA + "/messages?limit=1").then().statusCode(200)
                .body("items.text", contains("Tudo bem?"))
                .body("nextCursor", notNullValue());
        authorized().get(SESSION + "/contacts").then().statusCode(200)
                .body("items.find { it.jid == '" + MARIA + "' }.pushName", equalTo("Maria"))
                .body("items.find { it.jid == '" + MARIA + "' }.phoneNumber", equalTo("5511988887777"));
        authorized().get(SESSION + "/contacts?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        authorized().get(SESSION + "/chats/5511900000000").then().statusCode(404);
        authorized().get(SESSION + "/chats/not-a-jid").then().statusCode(400).body("errors[0].field", equalTo("jid"));
        authorized().queryParam("type", "message.received").get(SESSION + "/events").then()
                .body("items[0].payload.text", equalTo("Tudo bem?"));
    }

    @Test
    void cursorPagingWalksEveryMessageNewestFirstWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            whatsapp.receive("WAID-P" + i, i % 2 == 0 ? MARIA : "5511977776666@s.whatsapp.net", "m" + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = authorized().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("before", cursor);
            }
            var page = request.get(SESSION + "/messages").then().statusCode(200).extract();
            seen.addAll(page.path("items.text"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly("m6", "m5", "m4", "m3", "m2", "m1", "m0");

        authorized().get(SESSION + "/messages?chat=5511988887777").then()
                .body("items.text", contains("m6", "m4", "m2", "m0")).body("nextCursor", nullValue());
        authorized().get(SESSION + "/messages?status=received&type=text&direction=in&limit=200").then()
                .body("items.size()", equalTo(7));
    }

    @Test
    void badListParametersAreRejectedByName() {
        authorized().get(SESSION + "/messages?limit=201").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        authorized().get(SESSION + "/messages?limit=abc").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        authorized().get(SESSION + "/messages?before=bm90LWEtY3Vyc29y").then().statusCode(400)
                .body("errors[0].field", equalTo("before"));
        authorized().get(SESSION + "/messages?direction=sideways").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
        authorized().get(SESSION + "/messages?status=lost").then().statusCode(400).body("errors[0].field", equalTo("status"));
        authorized().get(SESSION + "/messages/does-not-exist").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void deleteWipesTheHistoryAndStatsCountByDirectionAndStatus() {
        whatsapp.receive("WAID-S1", MARIA, "oi");
        String id = send("{\"to\":\"5511988887777\",\"text\":\"olá\"}").then().extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));

        authorized().get(SESSION + "/stats").then().statusCode(200)
                .body("totals.in.received", equalTo(1))
                .body("totals.out.sent", equalTo(1))
                .body("last24h.out.sent", equalTo(1))
                .body("latest.size()", equalTo(2));

        authorized().delete(SESSION + "/messages").then().statusCode(200).body("deleted", equalTo(2));
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(0));
        authorized().get(SESSION + "/chats").then().body("items.size()", equalTo(0));
        authorized().get(SESSION + "/stats").then().body("latest.size()", equalTo(0));
    }

    @Test
    void aSendWhoseRecordFailsEndsFailedWithTheReasonInsteadOfStayingInFlight() {
        String first = send("{\"to\":\"5511988887777\",\"text\":\"um\"}").then().statusCode(202).extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + first).then().body("status", equalTo("sent")));
        whatsapp.reuseIdOnNextSend();

        String second = send("{\"to\":\"5511988887777\",\"text\":\"dois\"}").then().statusCode(202).extract().path("id");

        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + second).then()
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("recording that failed")));
        authorized().queryParam("type", "message.failed").get(SESSION + "/events").then()
                .body("items[0].payload.id", equalTo(second));
    }

    @Test
    void oversizedFieldsAreRefusedByNameWithNothingQueued() {
        send("{\"to\":\"5511988887777\",\"text\":\"" + "a".repeat(65_537) + "\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("text"))
                .body("errors[0].message", equalTo("must be at most 65536 characters"));
        send("{\"to\":\"5511988887777\",\"text\":\"hi\",\"mentions\":[" + "\"5511988887777\",".repeat(256) + "\"5511988887777\"]}")
                .then().statusCode(400).body("errors.field", contains("mentions"));
        send("{\"to\":\"5511988887777\",\"type\":\"contacts\",\"contacts\":[{\"fullName\":\"" + "b".repeat(256)
                + "\",\"phoneNumbers\":[\"5511977776666\"]}]}").then().statusCode(400)
                .body("errors.field", contains("contacts[0].fullName"));
        send("{\"to\":\"5511988887777\",\"type\":\"location\",\"location\":{\"latitude\":1,\"longitude\":2,\"name\":\""
                + "c".repeat(1025) + "\"}}").then().statusCode(400).body("errors.field", contains("location.name"));
        send("").then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("body"));
        authorized().body("{\"emoji\":\"" + "d".repeat(33) + "\"}").post(SESSION + "/messages/no-such-id/reactions")
                .then().statusCode(400).body("errors.field", contains("emoji"));
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(0));
        assertThat(whatsapp.delivered()).isEmpty();
    }

    private static io.restassured.response.Response send(String body) {
        return authorized().body(body).post(SESSION + "/messages");
    }

    private static org.hamcrest.Matcher<String> not(org.hamcrest.Matcher<String> matcher) {
        return org.hamcrest.Matchers.not(matcher);
    }

    private Delivered onlyDelivered() {
        assertThat(whatsapp.delivered()).hasSize(1);
        return whatsapp.delivered().getFirst();
    }
}
