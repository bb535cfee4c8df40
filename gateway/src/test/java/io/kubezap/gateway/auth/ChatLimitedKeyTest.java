package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A gateway key with {@code chats} reaches only those chats through the REST API, as through the MCP server: the calls
 * that name an allowed chat pass (a send too: the gateway reads its body's recipient), every other call under the
 * session (another chat, the lists of every chat, a send to another chat or in a form the gateway does not read, a
 * path that climbs out of the chat) is 403 {@code chat-not-allowed} and never reaches the pod; so are the event streams and figures, which cover every chat.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class ChatLimitedKeyTest {

    private static final String KEY = "one-chat-rest-key";
    private static final String EMPTY_CHATS_KEY = "empty-chats-rest-key";
    private static final String BLANK_CHATS_KEY = "blank-chats-rest-key";
    private static final String ALLOWED = SessionPodStandIn.MESSAGE_CHAT;
    /** As the client sends it, and the pod gets it. */
    private static final String ALLOWED_ENCODED = ALLOWED.replace("@", "%40");
    private static final String SESSION = "/api/v1/namespaces/shop/sessions/loja/";

    @Inject
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        RestAssured.requestSpecification = null;
        Sessions sessions = new Sessions(client);
        sessions.chatLimitedKey("one-chat-rest", KEY, "shop", ALLOWED);
        sessions.chatLimitedKey("empty-chats-rest", EMPTY_CHATS_KEY, "shop", "");
        sessions.chatLimitedKey("blank-chats-rest", BLANK_CHATS_KEY, "shop", " , ");
        sessions.appliedOnce("shop", "loja", SessionPodStandIn.POD_KEY);
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void callsNamingTheAllowedChatReachThePod() {
        // whatever the stand-in answers: what counts is that each call reached it
        given().header("X-Api-Key", KEY).get(SESSION + "chats/" + ALLOWED + "/messages").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).post(SESSION + "chats/" + ALLOWED + "/read").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).queryParam("chat", ALLOWED).get(SESSION + "messages").then().statusCode(200);
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body("{\"emoji\": \"👍\"}")
                .post(SESSION + "messages/m-1/reactions").then().statusCode(not(403));

        assertThat(SessionPodStandIn.RECEIVED).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET /api/v1/sessions/loja/chats/" + ALLOWED_ENCODED + "/messages",
                "POST /api/v1/sessions/loja/chats/" + ALLOWED_ENCODED + "/read",
                "GET /api/v1/sessions/loja/messages?chat=" + ALLOWED_ENCODED,
                "GET /api/v1/sessions/loja/messages/m-1",
                "POST /api/v1/sessions/loja/messages/m-1/reactions");
    }

    @Test
    void everyOtherCallUnderTheSessionIsRefused() {
        for (String path : List.of("chats/5511977770999@s.whatsapp.net/messages", "chats", "contacts", "messages",
                "chats/" + ALLOWED + "/../../contacts", "messages/deleted", "events", "groups")) {
            given().header("X-Api-Key", KEY).get(SESSION + path).then().statusCode(403)
                    .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));
        }
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON)
                .body("{\"to\": \"5511977770999\", \"text\": \"to someone else\"}")
                .post(SESSION + "messages").then().statusCode(403).body("detail", containsString("5511977770999"));
        given().header("X-Api-Key", KEY).multiPart("to", ALLOWED).multiPart("text", "a form the gateway does not read")
                .post(SESSION + "messages").then().statusCode(403).body("detail", containsString("JSON body"));
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    /** Issue 79 S9: a {@code chats} value that names no chat made the key unlimited; it now reaches no chat. */
    @Test
    void aChatsValueThatNamesNoChatReachesNoChat() {
        for (String key : List.of(EMPTY_CHATS_KEY, BLANK_CHATS_KEY)) {
            given().header("X-Api-Key", key).get(SESSION + "chats/" + ALLOWED + "/messages").then().statusCode(403)
                    .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));
            given().header("X-Api-Key", key).queryParam("chat", ALLOWED).get(SESSION + "messages").then().statusCode(403);
            given().header("X-Api-Key", key).get(SESSION + "contacts").then().statusCode(403);
            given().header("X-Api-Key", key).contentType(ContentType.JSON)
                    .body("{\"to\": \"" + ALLOWED + "\", \"text\": \"to any chat\"}")
                    .post(SESSION + "messages").then().statusCode(403);
            given().header("X-Api-Key", key).queryParam("namespace", "shop").get("/api/v1/events/stream").then().statusCode(403);
        }
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void aRestSendToTheAllowedChatIsJudgedByTheRecipientInItsBody() {
        String message = "{\"to\": \"" + ALLOWED + "\", \"text\": \"the gateway reads this body\"}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(message)
                .post(SESSION + "messages").then().statusCode(202);

        assertThat(SessionPodStandIn.RECEIVED).singleElement().satisfies(at -> {
            assertThat(at.uri()).isEqualTo("/api/v1/sessions/loja/messages");
            assertThat(at.body()).isEqualTo(message);
        });
    }

    /** The pod reads a number as people write it; the key's check reads it by the same rule (contract Jid). */
    @Test
    void aSendToTheAllowedChatWrittenAsPeopleWriteNumbersReachesThePodAndAnotherNumberSoWrittenDoesNot() {
        String written = "{\"to\": \"+55 (11) 97777-0001\", \"text\": \"written with spaces\"}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(written)
                .post(SESSION + "messages").then().statusCode(202);
        String other = "{\"to\": \"+55 (11) 97777-0999\", \"text\": \"another chat\"}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(other)
                .post(SESSION + "messages").then().statusCode(403);

        assertThat(SessionPodStandIn.RECEIVED).singleElement().satisfies(at -> assertThat(at.body()).isEqualTo(written));
    }

    @Test
    void anAlbumIsJudgedByTheChatIdInItsBody() {
        String album = "{\"chatId\": \"" + ALLOWED + "\", \"items\": []}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(album)
                .post(SESSION + "albums").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON)
                .body("{\"to\": \"" + ALLOWED + "\", \"chatId\": \"5511977770999\", \"items\": []}")
                .post(SESSION + "albums").then().statusCode(403).body("detail", containsString("5511977770999"));

        assertThat(SessionPodStandIn.RECEIVED).singleElement().satisfies(at -> {
            assertThat(at.uri()).isEqualTo("/api/v1/sessions/loja/albums");
            assertThat(at.body()).isEqualTo(album);
        });
    }

    @Test
    void aProductCardIsJudgedByTheChatIdInItsBody() {
        String card = "{\"chatId\": \"" + ALLOWED + "\", \"productId\": \"7002\"}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(card)
                .post(SESSION + "product").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON)
                .body("{\"chatId\": \"5511977770999\", \"productId\": \"7002\"}")
                .post(SESSION + "product").then().statusCode(403).body("detail", containsString("its body's chatId"));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body("{\"to\": \"" + ALLOWED + "\", \"productId\": \"7002\"}")
                .post(SESSION + "product").then().statusCode(403);

        assertThat(SessionPodStandIn.RECEIVED).singleElement().satisfies(at -> {
            assertThat(at.uri()).isEqualTo("/api/v1/sessions/loja/product");
            assertThat(at.body()).isEqualTo(card);
        });
    }

    @Test
    void buttonsAndListsAreJudgedByTheChatIdInTheirBodies() {
        String buttons = "{\"chatId\": \"" + ALLOWED + "\", \"text\": \"Confirma?\", \"buttons\": [{\"id\": \"sim\", \"text\": \"Sim\"}]}";
        String list = "{\"chatId\": \"" + ALLOWED + "\", \"text\": \"Horário\", \"buttonText\": \"Ver\", \"sections\": []}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(buttons)
                .post(SESSION + "buttons").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(list)
                .post(SESSION + "lists").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(buttons.replace(ALLOWED, "5511977770999"))
                .post(SESSION + "buttons").then().statusCode(403).body("detail", containsString("its body's chatId"));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(list.replace(ALLOWED, "5511977770999"))
                .post(SESSION + "lists").then().statusCode(403).body("detail", containsString("its body's chatId"));

        assertThat(SessionPodStandIn.RECEIVED).extracting(at -> at.uri())
                .containsExactly("/api/v1/sessions/loja/buttons", "/api/v1/sessions/loja/lists");
    }

    @Test
    void aCarouselIsJudgedByTheChatIdInItsBody() {
        String carousel = "{\"chatId\": \"" + ALLOWED + "\", \"text\": \"Planos\", \"cards\": []}";
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(carousel)
                .post(SESSION + "carousel").then().statusCode(not(403));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(carousel.replace(ALLOWED, "5511977770999"))
                .post(SESSION + "carousel").then().statusCode(403).body("detail", containsString("its body's chatId"));

        assertThat(SessionPodStandIn.RECEIVED).extracting(at -> at.uri()).containsExactly("/api/v1/sessions/loja/carousel");
    }

    @Test
    void streamsAndFiguresCoverEveryChatSoTheyAreRefused() {
        given().header("X-Api-Key", KEY).get("/api/v1/events/stream").then().statusCode(403)
                .body("type", equalTo("https://kubezap.io/problems/chat-not-allowed"));
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body("{\"sessionSocket\": \"shop/loja\"}")
                .post("/api/v1/tokens").then().statusCode(403);
        given().header("X-Api-Key", KEY).get("/api/v1/stats").then().statusCode(403);
    }
}
