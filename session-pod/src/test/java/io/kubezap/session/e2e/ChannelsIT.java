package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleFiles;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Channels (newsletters) between the packaged pod and the simulator's channel server: the session creates a channel and
 * posts to it, and a follower's phone gets the post; it follows another account's channel by its invite link, that
 * account's post arrives (stored and announced as a message of the channel's chat), the channel's posts are read from
 * WhatsApp, a file posted there is fetched and checked (WhatsApp keeps channel files unencrypted), a reaction is counted there,
 * a post WhatsApp refuses (the account only follows) fails, and after unfollowing no post arrives any more.
 * On both engines: Cobalt through the adapter's own channel queries and stanzas, Baileys through the bridge's.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelsIT {

    private static final String OWNER = "5511999990238";
    private static final String CUSTOMER = "5511988880238";
    private static final String NEWSROOM = "5511977770238";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "channels-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-238", BaileysBridge.environment(engine));
        world.createPhone(NEWSROOM, "Jornal");
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theSessionCreatesAChannelAndAFollowersPhoneGetsItsPost() {
        String id = world.api().body(Map.of("name", "Ofertas da Loja", "description", "Promoções da semana")).post("/channels")
                .then().statusCode(201).body("role", equalTo("OWNER")).body("name", equalTo("Ofertas da Loja"))
                .extract().path("id");
        world.control().get("/api/channels/" + id).then().statusCode(200).body("owner", equalTo(OWNER))
                .body("description", equalTo("Promoções da semana"));
        world.control().body(Map.of("number", CUSTOMER)).post("/api/channels/" + id + "/followers").then().statusCode(200);
        world.api().queryParam("role", "OWNER").get("/channels").then().statusCode(200).body("id", hasItem(id));

        String queued = world.api().body(Map.of("text", "Tudo 10% mais barato hoje")).post("/channels/" + id + "/messages")
                .then().statusCode(202).extract().path("id");
        world.awaitSent(queued);

        world.control().get("/api/phones/" + CUSTOMER + "/channels").then().statusCode(200)
                .body("find { it.jid == '" + id + "' }.messages.text", hasItem("Tudo 10% mais barato hoje"))
                .body("find { it.jid == '" + id + "' }.messages.find { it.text == 'Tudo 10% mais barato hoje' }.problems", empty());

        // a poll posted: the stanza says it is one, as WhatsApp's apps post it (they show a post as its type says)
        String poll = world.api().body(Map.of("type", "poll", "poll",
                        Map.of("name", "Qual oferta amanhã?", "options", java.util.List.of("Pão", "Café"), "selectableCount", 1)))
                .post("/channels/" + id + "/messages").then().statusCode(202).extract().path("id");
        String pollId = world.awaitSent(poll);
        world.control().get("/api/phones/" + CUSTOMER + "/channels").then().statusCode(200)
                .body("find { it.jid == '" + id + "' }.messages.find { it.id == '" + pollId + "' }.type", equalTo("poll"))
                .body("find { it.jid == '" + id + "' }.messages.find { it.id == '" + pollId + "' }.problems", empty());
    }

    @Test
    void aFollowedChannelsPostArrivesIsListedReactedToAndStopsAfterUnfollowing() {
        Map<String, Object> created = world.control().body(Map.of("name", "Jornal do Bairro")).post("/api/phones/" + NEWSROOM + "/channels")
                .then().statusCode(201).extract().path("$");
        String jid = (String) created.get("jid");
        String link = (String) created.get("inviteLink");
        world.api().get("/channels/" + jid).then().statusCode(200).body("role", equalTo("GUEST"));

        world.api().body(Map.of("invite", link)).post("/channels/follow").then().statusCode(200)
                .body("id", equalTo(jid)).body("role", equalTo("SUBSCRIBER")).body("name", equalTo("Jornal do Bairro"));
        world.control().get("/api/channels/" + jid).then().body("followers", hasItem(OWNER));
        long before = world.lastEventId();

        world.control().body(Map.of("text", "Feira no sábado")).post("/api/channels/" + jid + "/messages").then().statusCode(201);
        Map<String, Object> stored = awaitStored(jid, "Feira no sábado");
        assertThat(stored.get("from")).isEqualTo(jid);
        var announced = world.eventsAfter("message.received", before).stream().map(PodAgainstSimulator::payload)
                .filter(message -> jid.equals(message.get("chat"))).toList();
        assertThat(announced).extracting(message -> message.get("text")).containsExactly("Feira no sábado");

        int serverId = world.api().get("/channels/" + jid + "/messages").then().statusCode(200)
                .body("items[0].text", equalTo("Feira no sábado")).extract().path("items[0].serverId");
        assertThat(stored.get("channelServerId")).isEqualTo(serverId);
        world.api().body(Map.of("reaction", "👍")).post("/channels/" + jid + "/messages/" + stored.get("id") + "/reaction")
                .then().statusCode(204);
        world.control().get("/api/channels/" + jid + "/messages").then()
                .body("find { it.serverId == " + serverId + " }.reactionsBy." + OWNER, equalTo("👍"));
        byte[] photo = SampleFiles.jpeg(320, 240, 238);
        world.control().body(Map.of("type", "image", "caption", "O palco", "media",
                Map.of("data", Base64.getEncoder().encodeToString(photo), "mimeType", "image/jpeg")))
                .post("/api/channels/" + jid + "/messages").then().statusCode(201);
        Map<String, Object> image = awaitStored(jid, "O palco");
        assertThat(image.get("type")).isEqualTo("image");
        byte[] fetched = await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + image.get("id") + "/media"),
                response -> response.statusCode() == 200).asByteArray();
        assertThat(fetched).as("a channel's file, unencrypted on WhatsApp's media host").isEqualTo(photo);

        world.api().body(Map.of("text", "não é meu")).post("/channels/" + jid + "/messages").then().statusCode(403)
                .body("type", endsWith("not-channel-admin"));
        String refused = world.api().body(Map.of("to", jid, "text", "Sem permissão")).post("/messages").then().statusCode(202)
                .extract().path("id");
        world.awaitSent(refused);
        world.api().get("/messages/" + refused).then().body("status", equalTo("failed"));
        world.control().get("/api/channels/" + jid + "/messages").then().body("text", not(hasItem("Sem permissão")));

        world.api().post("/channels/" + jid + "/unfollow").then().statusCode(204);
        world.control().get("/api/channels/" + jid).then().body("followers", not(hasItem(OWNER)));
        world.control().body(Map.of("text", "Só para quem segue")).post("/api/channels/" + jid + "/messages").then().statusCode(201);
        world.control().get("/api/channels/" + jid + "/messages").then()
                .body("find { it.text == 'Só para quem segue' }.audience", not(hasItem(OWNER)));
        world.api().get("/channels/0029VaNoSuchInvite0000000").then().statusCode(404).body("type", endsWith("invite-code-not-found"));
    }

    private Map<String, Object> awaitStored(String chat, String text) {
        return await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", chat).get("/messages").then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("items").stream()
                        .filter(message -> text.equals(message.get("text"))).findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
