package io.kubezap.session.e2e;

import io.kubezap.session.keystore.sealing.KeyMaterialCipher;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

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

    /**
     * Each shop's WhatsApp key material as the host keeps it at rest (its rows and whole copies in PostgreSQL, its
     * files on the host's volume): there is some, and every piece of it is sealed under the wrapping key its own entry
     * names ({@code wrappingKeyOf}), never in the clear nor under another session's key.
     */
    void eachKeyStoreIsSealedUnderItsOwnKey(List<Shop> shops, Function<Shop, String> wrappingKeyOf) {
        for (Shop shop : shops) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(keyMaterialAtRest(shop))
                    .as("%s's key material at rest, each piece's wrapping key (empty: in the clear)", shop.session())
                    .isNotEmpty()
                    .allSatisfy((where, wrappedBy) -> assertThat(wrappedBy).as(where).contains(wrappingKeyOf.apply(shop))));
        }
    }

    /**
     * The host restarts ({@code restart}); each shop comes back Connected as its owner, from the key store it kept,
     * with no QR issued since.
     */
    void eachComesBackLinkedWithoutAQr(List<Shop> shops, Restart restart) throws Exception {
        Map<Shop, Long> lastEvent = new HashMap<>();
        shops.forEach(shop -> lastEvent.put(shop, lastEventId(shop)));
        restart.run();
        for (Shop shop : shops) {
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> api(shop).get().then().statusCode(200)
                    .body("phase", equalTo("Connected"))
                    .body("account.phoneNumber", equalTo(shop.owner())));
            assertThat(api(shop).queryParam("type", "session.qr").queryParam("limit", 500).get("/events").then().statusCode(200)
                    .extract().jsonPath().getList("items.id", Long.class))
                    .as("%s's QRs since the restart", shop.session()).allMatch(id -> id <= lastEvent.get(shop));
        }
    }

    /** Stopping and starting the host. */
    interface Restart {
        void run() throws Exception;
    }

    RequestSpecification api(Shop shop) {
        return world.api(shop.session(), shop.apiKey());
    }

    private long lastEventId(Shop shop) {
        List<Long> ids = api(shop).queryParam("limit", 1).get("/events").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
        return ids.isEmpty() ? 0 : ids.getFirst();
    }

    /** Where each piece of the shop's key material is kept, and the id of the wrapping key it is sealed under. */
    private Map<String, Optional<String>> keyMaterialAtRest(Shop shop) throws SQLException, IOException {
        Map<String, Optional<String>> found = new TreeMap<>();
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement("""
                     select 'key_store_entries ' || file || ' ' || entry, value from key_store_entries where session = ?
                     union all select 'key_store_mirrors keys', keys from key_store_mirrors where session = ?
                     union all select 'key_store_mirrors store', store from key_store_mirrors where session = ?""")) {
            for (int i = 1; i <= 3; i++) {
                statement.setString(i, shop.session());
            }
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), KeyMaterialCipher.wrappingKeyOf(rows.getBytes(2)));
                }
            }
        }
        Path store = world.dataDir().resolve(shop.session()).resolve("whatsapp");
        if (Files.isDirectory(store)) {
            try (Stream<Path> files = Files.walk(store)) {
                for (Path file : files.filter(each -> each.getFileName().toString().endsWith(".proto")).toList()) {
                    found.put("volume " + store.relativize(file), KeyMaterialCipher.wrappingKeyOf(Files.readAllBytes(file)));
                }
            }
        }
        return found;
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
