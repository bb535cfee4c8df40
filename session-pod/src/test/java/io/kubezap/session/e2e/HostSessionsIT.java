package io.kubezap.session.e2e;

import io.kubezap.contract.StorageMode;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.session.e2e.ShopsOnAHost.Shop;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Issue 81: the packaged pod as a session host (no session of its own, its sessions listed in files as its mounted
 * Secret lists them) runs two sessions against the simulator, each linked by its own QR, each storing the text sent
 * to it in its own rows, delivering its own {@code message.received} to its own webhook receiver (its entry's
 * {@code files}) and never the other's, and answering its own path with its own API key; a session the host does not
 * hold is not found, never answered with another's data; nothing on the host runs unnamed (its log names no
 * {@code ContextNotActiveException}); each session's key store is sealed at rest under the wrapping key of its own entry
 * (the host's environment names none), and after the host restarts both come back linked without a QR. Once per storage mode of the host (record 0021 asks Database of hosts).
 * Cobalt only: a session host needs storage mode Database, which the CRD refuses for Baileys (session-pod/README).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StorageMode.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostSessionsIT {

    private static final Shop FIRST = new Shop("loja-81a", "5511999990811", "key-of-loja-81a-0123456789");
    private static final Shop SECOND = new Shop("loja-81b", "5511999990812", "key-of-loja-81b-0123456789");
    private static final String CUSTOMER = "5511988880813";

    private static final String HOOK = "/hook";
    private static final String WEBHOOKS_FILE = "webhooks/webhooks.json";

    /** The shop's entry as the operator writes it: its webhooks file among its files, named by that relative path. */
    private static String entry(Shop shop, WebhookReceiver receiver) {
        return HostSessionFile.write(new HostSessionFile.Entry(shop.session(), Map.of(
                "KUBEZAP_SESSION", shop.session(),
                "KUBEZAP_NAMESPACE", PodAgainstSimulator.NAMESPACE,
                "KUBEZAP_API_KEY", shop.apiKey(),
                "KUBEZAP_KEY_WRAPPING_KEYS", wrappingKeyOf(shop) + ":" + newWrappingKey(),
                "KUBEZAP_WEBHOOKS_FILE", WEBHOOKS_FILE), Map.of(WEBHOOKS_FILE,
                "[{\"url\": \"http://127.0.0.1:" + receiver.port() + HOOK + "\", \"events\": [\"message.received\"]}]")));
    }

    /** Each shop's own wrapping key, named after it; the host's environment names none. */
    private static String wrappingKeyOf(Shop shop) {
        return shop.session();
    }

    private static String newWrappingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Parameter
    StorageMode storage;

    private PodAgainstSimulator world;
    private ShopsOnAHost shops;
    /** Each session's own webhook receiver. */
    private final Map<Shop, WebhookReceiver> receivers = new HashMap<>();
    /** The host's sessions, as its mounted Secret lists them. */
    private Path sessions;
    /** Where this host's lines start in its log, which earlier runs' hosts appended to. */
    private long logStart;

    @BeforeParameterizedClassInvocation
    void startHostWithTwoSessions() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "host-sessions-it-" + storage + "-");
        // the receivers are on loopback, which the cluster admin's list allows here as it would an in-cluster one
        world = PodAgainstSimulator.create(work, "host", Map.of("KUBEZAP_STORAGE_MODE", storage.name(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"));
        world.createPhone(FIRST.owner(), "Loja A");
        world.createPhone(SECOND.owner(), "Loja B");
        world.createPhone(CUSTOMER, "Cliente");
        sessions = Files.createDirectories(work.resolve("host-sessions"));
        for (Shop shop : List.of(FIRST, SECOND)) {
            WebhookReceiver receiver = new WebhookReceiver(PodProcess.freePort());
            receivers.put(shop, receiver);
            Files.writeString(sessions.resolve(HostSessionFile.fileName(shop.session())), entry(shop, receiver));
        }
        logStart = Files.exists(world.podLog()) ? Files.size(world.podLog()) : 0;
        world.startHost(sessions);
        shops = new ShopsOnAHost(world);
    }

    @AfterParameterizedClassInvocation
    void stop() throws Exception {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            receivers.values().forEach(WebhookReceiver::close);
        }
    }

    @Test
    @Order(1)
    void eachSessionIsLinkedByItsOwnQr() {
        shops.linkEach(List.of(FIRST, SECOND));
    }

    @Test
    @Order(2)
    void eachSessionStoresTheTextSentToItInItsOwnRows() throws SQLException {
        shops.eachStoresTheTextSentToItInItsOwnRows(FIRST, SECOND, CUSTOMER);
    }

    @Test
    @Order(3)
    void eachSessionsWebhookGetsItsOwnMessagesAndNeverTheOthers() {
        await().atMost(PATIENCE).until(() -> receivedTexts(FIRST), texts -> texts.contains(FIRST.session() + ": Para a " + FIRST.session()));
        await().atMost(PATIENCE).until(() -> receivedTexts(SECOND), texts -> texts.contains(SECOND.session() + ": Para a " + SECOND.session()));
        assertThat(receivedTexts(FIRST)).as("what %s's receiver got", FIRST.session())
                .allMatch(text -> text.startsWith(FIRST.session() + ": ")).noneMatch(text -> text.contains("Para a " + SECOND.session()));
        assertThat(receivedTexts(SECOND)).as("what %s's receiver got", SECOND.session())
                .allMatch(text -> text.startsWith(SECOND.session() + ": ")).noneMatch(text -> text.contains("Para a " + FIRST.session()));
    }

    @Test
    @Order(4)
    void eachSessionTakesItsOwnKeyAndNoOther() {
        api(FIRST).get().then().statusCode(200).body("name", equalTo(FIRST.session()));
        api(SECOND).get().then().statusCode(200).body("name", equalTo(SECOND.session()));
        world.api(FIRST.session(), SECOND.apiKey()).get().then().statusCode(401);
        world.api(SECOND.session(), FIRST.apiKey()).get().then().statusCode(401);
    }

    @Test
    @Order(6)
    void nothingOnTheHostRanWithoutNamingItsSession() throws Exception {
        byte[] whole = Files.readAllBytes(world.podLog());
        String log = new String(whole, (int) logStart, whole.length - (int) logStart, StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("Groups refreshed from WhatsApp")))
                .as("group refreshes at login, one per session").hasSizeGreaterThanOrEqualTo(2);
        assertThat(log.lines().filter(line -> line.contains("ContextNotActiveException") || line.contains("context was not active")
                || line.contains("is named here"))).as("the host's lines that met no named session").isEmpty();
    }

    @Test
    @Order(7)
    void eachSessionsKeyStoreIsSealedUnderItsOwnEntrysKey() {
        shops.eachKeyStoreIsSealedUnderItsOwnKey(List.of(FIRST, SECOND), HostSessionsIT::wrappingKeyOf);
    }

    @Test
    @Order(8)
    void afterTheHostRestartsEachSessionIsLinkedWithoutAQr() throws Exception {
        shops.eachComesBackLinkedWithoutAQr(List.of(FIRST, SECOND), () -> {
            world.stopPod();
            world.startHost(sessions);
        });
    }

    @Test
    @Order(5)
    void aSessionTheHostDoesNotHoldIsNotFound() {
        for (String key : List.of(FIRST.apiKey(), SECOND.apiKey())) {
            world.api("loja-81c", key).get("/messages").then().statusCode(404)
                    .contentType(containsString("application/problem+json"))
                    .body(not(containsString(FIRST.session())), not(containsString(SECOND.session())),
                            not(containsString("Para a loja")));
        }
    }

    private RequestSpecification api(Shop shop) {
        return shops.api(shop);
    }

    /** Each {@code message.received} at the shop's receiver, as "its envelope's session: its text". */
    private List<String> receivedTexts(Shop shop) {
        return receivers.get(shop).jsonAt(HOOK).stream()
                .filter(body -> "message.received".equals(body.path("event").asText()))
                .map(body -> body.path("session").asText() + ": " + body.path("data").path("text").asText())
                .toList();
    }
}
