package io.kubezap.session.e2e;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Texts between the pod's API and a simulated phone, with the phone's receipts: what every engine must do alike. */
final class Conversation {

    /** A text the session sent: the pod's id and WhatsApp's. */
    record SentText(String id, String waMessageId) {
    }

    private final PodAgainstSimulator world;

    Conversation(PodAgainstSimulator world) {
        this.world = world;
    }

    /** Sends {@code text} through the pod's API and waits until {@code phone} has decrypted it and the pod stored it as sent. */
    SentText sendThroughApiUntilThePhoneHasIt(String phone, String text) {
        String id = world.api().body(Map.of("to", phone, "text", text))
                .post("/messages").then().statusCode(202).extract().path("id");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(phoneInbox(phone))
                .anySatisfy(message -> assertThat(message.get("text")).isEqualTo(text)));
        String waMessageId = await().atMost(PATIENCE).until(() -> message(id), m -> "sent".equals(m.getString("status")))
                .getString("waMessageId");
        assertThat(phoneInbox(phone)).filteredOn(message -> waMessageId.equals(message.get("id")))
                .singleElement().satisfies(message -> assertThat(message.get("text")).isEqualTo(text));
        return new SentText(id, waMessageId);
    }

    /** {@code phone} acknowledges {@code sent} as delivered, then as read: the stored message and its events follow. */
    void assertReceiptsMoveToDeliveredThenRead(String phone, SentText sent) {
        receipt(phone, sent.waMessageId(), "delivery");
        await().atMost(PATIENCE).until(() -> message(sent.id()).getString("status"), equalTo("delivered"));
        receipt(phone, sent.waMessageId(), "read");
        await().atMost(PATIENCE).until(() -> message(sent.id()).getString("status"), equalTo("read"));

        assertThat(message(sent.id()).getList("statusHistory.status")).containsSubsequence("queued", "sent", "delivered", "read");
        assertThat(world.events("message.status"))
                .filteredOn(event -> sent.id().equals(payload(event).get("id")))
                .extracting(event -> payload(event).get("status"))
                .containsExactly("read", "delivered");
    }

    /** {@code phone} writes {@code text} to the session's number {@code owner}; waits until the session stored it. */
    void write(String phone, String owner, String text) {
        String id = world.control().body(Map.of("to", owner, "text", text)).post("/api/phones/" + phone + "/messages")
                .then().statusCode(202).extract().path("id");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", phone + "@s.whatsapp.net").get("/messages")
                .jsonPath().<String>getList("items.waMessageId").contains(id));
    }

    /** The texts {@code phone} received. */
    List<String> received(String phone) {
        return world.control().get("/api/phones/" + phone + "/messages").jsonPath().getList("text");
    }

    JsonPath message(String id) {
        return world.api().get("/messages/" + id).then().statusCode(200).extract().jsonPath();
    }

    List<Map<String, Object>> phoneInbox(String phone) {
        return world.control().get("/api/phones/" + phone + "/messages").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    void receipt(String phone, String waMessageId, String type) {
        world.control().body(Map.of("messageId", waMessageId, "type", type))
                .post("/api/phones/" + phone + "/receipts").then().statusCode(202);
    }
}
