package io.kubezap.session.e2e;

import io.restassured.specification.RequestSpecification;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Shops whose sessions run on one session host against the simulator (issue 81): each linked by its own QR, a
 * customer writing to each, and the rows each stored, as the hosts' end-to-end tests drive them.
 */
final class ShopsOnAHost {

    /** A session on the host: its name, its owner's phone and its API key. */
    record Shop(String session, String owner, String apiKey) {
    }

    private final PodAgainstSimulator world;

    ShopsOnAHost(PodAgainstSimulator world) {
        this.world = world;
    }

    /** Each shop's owner scans its own session's QR; each session is then Connected as its owner. */
    void linkEach(List<Shop> shops) {
        for (Shop shop : shops) {
            world.scanCurrentQr(() -> api(shop), shop.owner());
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> api(shop).get().then().statusCode(200)
                    .body("phase", equalTo("Connected"))
                    .body("account.phoneNumber", equalTo(shop.owner())));
        }
    }

    /**
     * {@code customer} writes to each of two shops; each session stores the text sent to it, in rows of its own, and
     * lists neither the other's text.
     */
    void eachStoresTheTextSentToItInItsOwnRows(Shop first, Shop second, String customer) throws SQLException {
        phoneWrites(customer, first.owner(), "Para a " + first.session());
        phoneWrites(customer, second.owner(), "Para a " + second.session());

        await().atMost(PATIENCE).until(() -> incomingTexts(first), texts -> texts.contains("Para a " + first.session()));
        await().atMost(PATIENCE).until(() -> incomingTexts(second), texts -> texts.contains("Para a " + second.session()));
        assertThat(incomingTexts(first)).doesNotContain("Para a " + second.session());
        assertThat(incomingTexts(second)).doesNotContain("Para a " + first.session());
        assertThat(sessionOfRow("Para a " + first.session())).isEqualTo(first.session());
        assertThat(sessionOfRow("Para a " + second.session())).isEqualTo(second.session());
    }

    RequestSpecification api(Shop shop) {
        return world.api(shop.session(), shop.apiKey());
    }

    private void phoneWrites(String phone, String to, String text) {
        world.control().body(Map.of("to", to, "text", text)).post("/api/phones/" + phone + "/messages")
                .then().statusCode(202);
    }

    private List<String> incomingTexts(Shop shop) {
        return api(shop).queryParam("direction", "in").get("/messages").then().statusCode(200)
                .extract().jsonPath().getList("items.text", String.class);
    }

    private String sessionOfRow(String text) throws SQLException {
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement("select session from messages where text = ?")) {
            statement.setString(1, text);
            try (var result = statement.executeQuery()) {
                List<String> sessions = new ArrayList<>();
                while (result.next()) {
                    sessions.add(result.getString(1));
                }
                assertThat(sessions).as("the rows of '%s'", text).hasSize(1);
                return sessions.getFirst();
            }
        }
    }
}
