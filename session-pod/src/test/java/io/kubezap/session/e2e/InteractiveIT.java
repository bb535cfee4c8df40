package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleFiles;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Buttons, lists and carousels ({@code POST /buttons}, {@code POST /lists}, {@code POST /carousel}) between the packaged
 * pod and a simulated phone, whose app shows them only as WhatsApp delivers them today (beside the {@code <biz>} node their
 * kind needs; a carousel's card pictures downloaded from the media host); the phone's owner taps a button (a card's too) or picks a row, and the pod stores the choice as a message of type {@code button_reply} or
 * {@code list_reply} naming the chosen id and quoting the message.
 * <p>
 * Both engines send all three (on Cobalt through {@code cobalt-patches}' {@code InteractiveMessage}, which adds the
 * {@code carouselMessage} Cobalt 0.0.10's model lacks; session-pod/README).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteractiveIT {

    private static final String OWNER = "5511999990072";
    private static final String CUSTOMER = "5511988880072";
    private static final Map<String, Object> BUTTONS = Map.of("chatId", CUSTOMER, "text", "Confirma a revisão de sábado?",
            "footer", "Oficina do Zé", "buttons", List.of(Map.of("id", "sim", "text", "Sim"), Map.of("id", "nao", "text", "Não")));
    private static final Map<String, Object> LIST = Map.of("chatId", CUSTOMER, "text", "Escolha o horário", "buttonText", "Ver horários",
            "sections", List.of(Map.of("title", "Manhã", "rows", List.of(Map.of("id", "9h", "title", "09:00", "description", "Com café"))),
                    Map.of("title", "Tarde", "rows", List.of(Map.of("id", "14h", "title", "14:00")))));

    private static final Map<String, Object> CAROUSEL = Map.of("chatId", CUSTOMER, "text", "Nossos planos de revisão", "footer", "Oficina do Zé",
            "cards", List.of(card("Básico", "basico", 1), card("Completo", "completo", 2), untitled(card("Premium", "premium", 3))));

    /** A card whose picture comes as base64 (no network at test time), with two buttons named after it. */
    private static Map<String, Object> card(String title, String id, long seed) {
        return Map.of("image", Map.of("data", Base64.getEncoder().encodeToString(SampleFiles.jpeg(64, 48, seed))), "mimeType", "image/jpeg",
                "title", title, "body", "Plano " + title, "buttons", List.of(Map.of("id", id + "-quero", "text", "Quero"),
                        Map.of("id", id + "-info", "text", "Detalhes")));
    }

    /** {@code card} without its title, which WhatsApp leaves optional. */
    private static Map<String, Object> untitled(Map<String, Object> card) {
        var untitled = new java.util.HashMap<>(card);
        untitled.remove("title");
        return untitled;
    }

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "interactive-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "botoes-72", BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void buttonsAreShownOnThePhoneAndTheTappedOneIsStoredAsAButtonReply() {
        JsonPath accepted = world.api().body(BUTTONS).post("/buttons").then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getString("type")).isEqualTo("buttons");
        assertThat(accepted.getList("buttons.buttons.id")).containsExactly("sim", "nao");
        String waId = world.awaitSent(accepted.getString("id"));

        Map<String, Object> shown = world.awaitAtPhone(CUSTOMER, waId);
        assertThat(shown.get("type")).isEqualTo("buttons");
        var buttons = (Map<String, Object>) shown.get("buttons");
        assertThat(buttons.get("problems")).as("what the app checks before showing them").isEqualTo(List.of());
        assertThat(buttons.get("text")).isEqualTo("Confirma a revisão de sábado?");
        assertThat((List<Map<String, Object>>) buttons.get("buttons")).extracting(b -> b.get("id")).containsExactly("sim", "nao");

        String replyWaId = world.control().body(Map.of("id", "nao")).post("/api/phones/" + CUSTOMER + "/messages/" + waId + "/choice")
                .then().statusCode(202).extract().jsonPath().getString("id");
        Map<String, Object> reply = world.awaitIncoming(replyWaId);
        assertThat(reply.get("type")).isEqualTo("button_reply");
        assertThat(reply.get("reply")).isEqualTo(Map.of("type", "button_reply", "selectedId", "nao", "selectedText", "Não"));
        assertThat(reply.get("text")).isEqualTo("Não");
        assertThat(reply.get("quotedMessageId")).as("the reply quotes the buttons").isIn(waId, accepted.getString("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListIsShownOnThePhoneAndThePickedRowIsStoredAsAListReply() {
        JsonPath accepted = world.api().body(LIST).post("/lists").then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getString("type")).isEqualTo("list");
        String waId = world.awaitSent(accepted.getString("id"));

        Map<String, Object> shown = world.awaitAtPhone(CUSTOMER, waId);
        assertThat(shown.get("type")).isEqualTo("list");
        var list = (Map<String, Object>) shown.get("list");
        assertThat(list.get("problems")).isEqualTo(List.of());
        assertThat(list.get("buttonText")).isEqualTo("Ver horários");

        String replyWaId = world.control().body(Map.of("id", "14h")).post("/api/phones/" + CUSTOMER + "/messages/" + waId + "/choice")
                .then().statusCode(202).extract().jsonPath().getString("id");
        Map<String, Object> reply = world.awaitIncoming(replyWaId);
        assertThat(reply.get("type")).isEqualTo("list_reply");
        assertThat(reply.get("reply")).isEqualTo(Map.of("type", "list_reply", "selectedId", "14h", "selectedText", "14:00"));
        assertThat(reply.get("quotedMessageId")).isIn(waId, accepted.getString("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCarouselIsShownOnThePhoneWithItsCardsAndPicturesInOrderAndATappedCardButtonIsStoredAsAButtonReply() {
        JsonPath accepted = world.api().body(CAROUSEL).post("/carousel").then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getString("type")).isEqualTo("carousel");
        assertThat(accepted.getList("carousel.cards.title")).containsExactly("Básico", "Completo", null);
        List<String> pictures = accepted.getList("carousel.cards.image.sha256");
        assertThat(pictures).doesNotContainNull().doesNotHaveDuplicates();
        String waId = world.awaitSent(accepted.getString("id"));
        assertThat(world.api().get("/messages/" + accepted.getString("id")).jsonPath().getString("status")).isNotEqualTo("failed");

        Map<String, Object> shown = world.awaitAtPhone(CUSTOMER, waId);
        assertThat(shown.get("type")).isEqualTo("carousel");
        var carousel = (Map<String, Object>) shown.get("carousel");
        assertThat(carousel.get("problems")).as("what the app checks before showing it").isEqualTo(List.of());
        assertThat(carousel.get("text")).isEqualTo("Nossos planos de revisão");
        var cards = (List<Map<String, Object>>) carousel.get("cards");
        assertThat(cards).extracting(c -> c.get("title")).as("a card without title shows none").containsExactly("Básico", "Completo", null);
        assertThat(cards).extracting(c -> ((Map<String, Object>) c.get("image")).get("sha256"))
                .as("each card's picture, downloaded by the phone, is the one given for it").containsExactlyElementsOf(pictures);
        assertThat((List<Map<String, Object>>) cards.get(1).get("buttons")).extracting(b -> b.get("id"))
                .containsExactly("completo-quero", "completo-info");

        String replyWaId = world.control().body(Map.of("id", "completo-quero"))
                .post("/api/phones/" + CUSTOMER + "/messages/" + waId + "/choice").then().statusCode(202).extract().jsonPath().getString("id");
        Map<String, Object> reply = world.awaitIncoming(replyWaId);
        assertThat(reply.get("type")).isEqualTo("button_reply");
        assertThat(reply.get("reply")).isEqualTo(Map.of("type", "button_reply", "selectedId", "completo-quero", "selectedText", "Quero"));
        assertThat(reply.get("quotedMessageId")).as("the reply quotes the carousel").isIn(waId, accepted.getString("id"));
    }

    @Test
    void aCarouselOfOneCardACardWithoutPictureOrTwoButtonsWithOneIdAreRefusedNamingTheFieldNothingStored() {
        int before = carousels().size();
        var one = Map.of("chatId", CUSTOMER, "text", "Oi", "cards", List.of(card("A", "a", 1)));
        world.api().body(one).post("/carousel").then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors.field", equalTo(List.of("cards")));
        var bare = Map.of("title", "B", "body", "Sem foto", "buttons", List.of(Map.of("id", "b", "text", "B")));
        world.api().body(Map.of("chatId", CUSTOMER, "text", "Oi", "cards", List.of(card("A", "a", 1), bare))).post("/carousel").then()
                .statusCode(400).body("errors.field", equalTo(List.of("cards[1].image", "cards[1].buttons")));
        world.api().body(Map.of("chatId", CUSTOMER, "text", "Oi", "cards", List.of(card("A", "a", 1), card("A", "a", 2)))).post("/carousel")
                .then().statusCode(400).body("errors.field", equalTo(List.of("cards[].buttons")));
        assertThat(carousels()).hasSize(before);
    }

    private List<Object> carousels() {
        return world.api().queryParam("type", "carousel").get("/messages").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void fourButtonsOrAListWithoutButtonTextAreRefusedNamingTheField() {
        var four = List.of(Map.of("id", "a", "text", "A"), Map.of("id", "b", "text", "B"), Map.of("id", "c", "text", "C"),
                Map.of("id", "d", "text", "D"));
        world.api().body(Map.of("chatId", CUSTOMER, "text", "Oi", "buttons", four)).post("/buttons").then().statusCode(400)
                .contentType(containsString("problem+json")).body("errors.field", equalTo(List.of("buttons")));
        world.api().body(Map.of("chatId", CUSTOMER, "text", "Oi", "sections", LIST.get("sections"))).post("/lists").then()
                .statusCode(400).body("errors.field", equalTo(List.of("buttonText")));
        world.api().body(Map.of("chatId", "not a number", "text", "Oi", "buttons", List.of(Map.of("id", "a", "text", "A"))))
                .post("/buttons").then().statusCode(400).body("errors.field", equalTo(List.of("chatId")));
    }
}
