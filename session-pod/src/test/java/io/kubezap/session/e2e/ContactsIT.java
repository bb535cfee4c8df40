package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Number checks, the block list, and presence both ways, between the packaged pod and a simulated phone: a known and
 * an unknown number are checked once and then answered from the cache; a blocked contact's text never arrives; the session follows a contact and sees it come
 * online, go offline (with when it was last seen), type and record; the contact's phone sees the session type; the
 * account shows online only when asked (by the API, or by {@code spec.presence.markOnlineOnConnect} at each login);
 * the contacts list is searched, a contact shows the about, picture, business profile and verified business name its phone set, and the picture
 * downloads with identical bytes, once; the names the owner saves on the phone (app-state sync) reach the contacts. Run
 * once per engine; following, typing, the profile and the saved names run once per {@link Addressing}: a contact
 * WhatsApp addresses by LID is followed and written to by its LID, found by its number and by its LID, and shown as one
 * contact under its number with the LID beside.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactsIT {

    private static final String OWNER = "5511999990015";
    private static final String CUSTOMER = "5511988880015";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";
    private static final String LID_CUSTOMER = "5511944440015";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private int device;
    private final Map<Addressing, Addressing.Contact> customers = new java.util.EnumMap<>(Addressing.class);

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "contacts-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-15", BaileysBridge.environment(engine));
        customers.put(Addressing.LID, Addressing.LID.createPhone(world, LID_CUSTOMER, "Lia"));
        device = world.startLinked(OWNER, CUSTOMER);
        customers.get(Addressing.LID).greets(world, OWNER);
        customers.put(Addressing.NUMBER, new Addressing.Contact(CUSTOMER, world.lidOf(CUSTOMER), Addressing.NUMBER));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void byDefaultTheAccountIsNotShownOnlineWhenTheSessionConnects() {
        await().atMost(PATIENCE).until(() -> !presenceStanzas().isEmpty());
        assertThat(presenceStanzas()).extracting(node -> node.get("type")).doesNotContain("available");
        assertThat(ownerSeenAs()).isEqualTo("unavailable");
    }

    @Test
    @Order(2)
    void numbersAreCheckedOnceAndAnsweredFromTheCacheAfter() {
        String unknown = "5511977770015";
        world.api().body(Map.of("numbers", List.of("+55 11 98888-0015", unknown))).post("/contacts/check").then().statusCode(200)
                .body("items.find { it.number == '" + CUSTOMER + "' }.exists", equalTo(true))
                .body("items.find { it.number == '" + CUSTOMER + "' }.jid", equalTo(CUSTOMER_JID))
                .body("items.find { it.number == '" + unknown + "' }.exists", equalTo(false))
                .body("items.cached", equalTo(List.of(false, false)));
        int usyncQueries = usyncQueries();

        world.api().body(Map.of("numbers", List.of(CUSTOMER))).post("/contacts/check").then().statusCode(200)
                .body("items[0].exists", equalTo(true)).body("items[0].cached", equalTo(true));

        assertThat(usyncQueries()).as("a cached answer asks WhatsApp nothing").isEqualTo(usyncQueries);
        world.api().body(Map.of("numbers", List.of())).post("/contacts/check").then().statusCode(400);
        world.api().body(Map.of("numbers", List.of("not a number"))).post("/contacts/check").then().statusCode(400)
                .body("errors[0].field", equalTo("numbers[0]"));
    }

    @Test
    @Order(3)
    void aBlockedContactsTextNeverArrives() {
        world.api().post("/contacts/" + CUSTOMER + "/block").then().statusCode(200).body("blocked", equalTo(true));
        world.api().get("/contacts/blocked").then().statusCode(200).body("items", equalTo(List.of(CUSTOMER_JID)));
        String whileBlocked = phoneSends("enquanto bloqueado");

        world.api().post("/contacts/" + CUSTOMER + "/unblock").then().statusCode(200).body("blocked", equalTo(false));
        world.api().get("/contacts/blocked").then().body("items", equalTo(List.of()));
        String afterwards = phoneSends("depois de desbloqueado");

        await().atMost(PATIENCE).until(() -> storedWaIds().contains(afterwards));
        assertThat(storedWaIds()).as("the text sent while blocked, before the one that arrived").doesNotContain(whileBlocked);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    @Order(4)
    void aFollowedContactComesOnlineGoesOfflineAndTypes(Addressing addressing) {
        var customer = customers.get(addressing);
        world.api().body(Map.of("jid", customer.address())).post("/presence/subscribe").then().statusCode(200)
                .body("jid", equalTo(customer.jid()));
        awaitPresence(customer, "unavailable");

        world.control().body(Map.of("state", "available")).post("/api/phones/" + customer.number() + "/presence").then().statusCode(202);
        awaitPresence(customer, "available");
        world.control().body(Map.of("state", "unavailable")).post("/api/phones/" + customer.number() + "/presence").then().statusCode(202);
        awaitPresence(customer, "unavailable");
        world.api().get("/contacts/" + customer.address() + "/presence").then().body("lastSeen", notNullValue());

        world.control().body(Map.of("to", OWNER, "state", "composing")).post("/api/phones/" + customer.number() + "/chatstate").then().statusCode(202);
        awaitPresence(customer, "composing");
        world.control().body(Map.of("to", OWNER, "state", "recording")).post("/api/phones/" + customer.number() + "/chatstate").then().statusCode(202);
        awaitPresence(customer, "recording");

        List<String> announced = world.events("presence.update").stream()
                .filter(event -> customer.jid().equals(payload(event).get("jid"))).map(event -> (String) payload(event).get("state")).toList();
        assertThat(announced).as("each presence announced under the number").contains("available", "unavailable", "composing", "recording");
        for (String address : List.of(customer.number(), customer.lid())) {
            world.api().get("/contacts/" + address + "/presence").then().statusCode(200).body("jid", equalTo(customer.jid()))
                    .body("state", equalTo("recording"));
        }
        world.api().get("/contacts/5511900000015/presence").then().statusCode(404);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    @Order(5)
    void theContactsPhoneSeesTheSessionTypeAndTheAccountComeOnline(Addressing addressing) {
        var customer = customers.get(addressing);
        world.api().body(Map.of("state", "composing")).post("/chats/" + customer.address() + "/presence").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> "composing".equals(chatStateSeenBy(customer)));
        world.api().body(Map.of("state", "paused")).post("/chats/" + customer.address() + "/presence").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> "paused".equals(chatStateSeenBy(customer)));

        world.api().body(Map.of("state", "available")).post("/presence").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> "available".equals(ownerSeenAs()));
        world.api().body(Map.of("state", "unavailable")).post("/presence").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> "unavailable".equals(ownerSeenAs()));

        world.api().body(Map.of("state", "dancing")).post("/presence").then().statusCode(400);
        world.api().body(Map.of("state", "shouting")).post("/chats/" + CUSTOMER + "/presence").then().statusCode(400);
    }

    @Test
    @Order(6)
    void withMarkOnlineOnConnectTheAccountIsShownOnlineAtEachLogin() throws Exception {
        world.setEnvironment("KUBEZAP_PRESENCE_MARK_ONLINE_ON_CONNECT", "true");
        world.restartPod();
        world.awaitPhase("Connected");

        await().atMost(PATIENCE).until(() -> "available".equals(ownerSeenAs()));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    @Order(7)
    void aContactIsListedWithItsProfileAndItsPictureDownloadsWithIdenticalBytesOnce(Addressing addressing) {
        var customer = customers.get(addressing);
        String company = addressing == Addressing.LID ? "Tintas Lima Ltda" : "Tintas Silva Ltda";
        byte[] picture = io.kubezap.session.testing.SampleFiles.jpeg(96, 96, 15 + addressing.ordinal());
        String pictureUrl = world.control().body(Map.of("about", "Atendimento das 8h às 18h",
                        "picture", java.util.Base64.getEncoder().encodeToString(picture),
                        "business", Map.of("name", company, "description", "Tintas e vernizes", "email", "loja@example.com",
                                "websites", List.of("https://example.com/loja"), "category", "Home Improvement")))
                .put("/api/phones/" + customer.number() + "/profile").then().statusCode(200).extract().path("pictureUrl");

        world.api().queryParam("q", customer.number().substring(4, 9)).get("/contacts").then().statusCode(200)
                .body("items.jid", equalTo(List.of(customer.jid())));
        for (String address : List.of(customer.address(), customer.number())) {
            world.api().get("/contacts/" + address).then().statusCode(200)
                    .body("jid", equalTo(customer.jid())).body("phoneNumber", equalTo(customer.number())).body("lastSeenAt", notNullValue())
                    .body("about", equalTo("Atendimento das 8h às 18h")).body("aboutSetAt", notNullValue())
                    .body("picture.url", equalTo(pictureUrl)).body("picture.path", equalTo("contacts/" + customer.jid() + "/picture"))
                    .body("business.description", equalTo("Tintas e vernizes")).body("business.email", equalTo("loja@example.com"))
                    .body("business.websites", equalTo(List.of("https://example.com/loja")))
                    .body("business.categories", equalTo(List.of("Home Improvement")));
        }
        world.api().get("/contacts/" + OWNER).then().statusCode(200).body("business", nullValue()).body("picture", nullValue());

        assertThat(world.api().get("/contacts/" + customer.address() + "/picture").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray()).isEqualTo(picture);
        assertThat(world.api().get("/contacts/" + customer.jid() + "/picture").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(picture);
        assertThat(pictureDownloads(pictureUrl)).as("the same picture is downloaded from WhatsApp once").isEqualTo(1);

        world.api().get("/contacts/" + OWNER + "/picture").then().statusCode(404);

        // a business's messages carry its verified name: the contact is listed, and found, by it
        phoneSends(customer, "agora somos empresa");
        await().atMost(PATIENCE).untilAsserted(() -> world.api().queryParam("q", company.substring(7)).get("/contacts").then().statusCode(200)
                .body("items.jid", equalTo(List.of(customer.jid()))).body("items[0].businessName", equalTo(company)));
        world.api().get("/contacts/" + customer.address()).then().body("businessName", equalTo(company));
        world.api().get("/contacts/5511977770015").then().statusCode(404);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    @Order(8)
    void theNamesTheOwnerSavesOnThePhoneReachTheContacts(Addressing addressing) {
        var customer = customers.get(addressing);
        String firstName = addressing == Addressing.LID ? "Lia" : "Ana";
        String stranger = addressing == Addressing.LID ? "5511955551015" : "5511955550015";
        world.control().body(Map.of("fullName", firstName + " Cliente VIP", "firstName", firstName))
                .put("/api/phones/" + OWNER + "/contacts/" + customer.number()).then().statusCode(200);
        world.control().body(Map.of("fullName", "Fornecedor Tintas")).put("/api/phones/" + OWNER + "/contacts/" + stranger)
                .then().statusCode(200);

        await().atMost(PATIENCE).untilAsserted(() -> world.api().queryParam("q", firstName + " cliente vip").get("/contacts").then().statusCode(200)
                .body("items.jid", equalTo(List.of(customer.jid()))).body("items[0].name", equalTo(firstName + " Cliente VIP"))
                .body("items[0].shortName", equalTo(firstName))
                .body("items[0].pushName", notNullValue()));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/contacts").then().statusCode(200)
                .body("items.find { it.jid == '" + stranger + "@s.whatsapp.net' }.name", equalTo("Fornecedor Tintas"))
                .body("items.find { it.jid == '" + stranger + "@s.whatsapp.net' }.phoneNumber", equalTo(stranger)));
        world.api().get("/contacts/" + customer.address()).then().statusCode(200).body("name", equalTo(firstName + " Cliente VIP"));
    }

    private int pictureDownloads(String pictureUrl) {
        return world.control().get("/api/media").jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(blob -> pictureUrl.contains((String) blob.get("directPath")))
                .mapToInt(blob -> (Integer) blob.get("downloads")).sum();
    }

    private String phoneSends(String text) {
        return phoneSends(customers.get(Addressing.NUMBER), text);
    }

    private String phoneSends(Addressing.Contact phone, String text) {
        return world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + phone.number() + "/messages")
                .then().statusCode(202).extract().path("id");
    }

    private List<String> storedWaIds() {
        return world.api().queryParam("chat", CUSTOMER).queryParam("limit", 200).get("/messages").jsonPath().getList("items.waMessageId");
    }

    private void awaitPresence(Addressing.Contact contact, String state) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> world.api().get("/contacts/" + contact.address() + "/presence")
                .then().statusCode(200).body("state", equalTo(state)));
    }

    private String ownerSeenAs() {
        return world.control().get("/api/phones/" + OWNER + "/presence").jsonPath().getString("state");
    }

    private String chatStateSeenBy(Addressing.Contact contact) {
        return world.control().get("/api/phones/" + contact.number() + "/presence").jsonPath().getString("chatStates.'" + OWNER_JID + "'");
    }

    /** The {@code presence} stanzas the session's device sent. */
    private List<Map<String, String>> presenceStanzas() {
        return stanzas("presence");
    }

    private int usyncQueries() {
        return (int) stanzas("iq").stream().filter(attributes -> "usync".equals(attributes.get("xmlns"))).count();
    }

    private List<Map<String, String>> stanzas(String tag) {
        return world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/nodes").jsonPath()
                .<Map<String, Object>>getList("$").stream()
                .filter(node -> tag.equals(node.get("tag")))
                .map(node -> {
                    @SuppressWarnings("unchecked") Map<String, String> attributes = (Map<String, String>) node.get("attributes");
                    return attributes;
                })
                .toList();
    }
}
