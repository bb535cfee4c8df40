package io.kubezap.session.api;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedChannels;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Channels through the API against WhatsApp's channel server in memory ({@link SimulatedChannels}). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ChannelsApiTest {

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    SimulatedChannels channels;

    @Test
    void theAccountCreatesAChannelAndPostsToIt() {
        whatsapp.resetToConnected();
        String id = authorized().body(Map.of("name", "Ofertas da Loja", "description", "Promoções")).post(SESSION + "/channels")
                .then().statusCode(201).body("role", equalTo("OWNER")).body("name", equalTo("Ofertas da Loja"))
                .body("invite", org.hamcrest.Matchers.startsWith("https://whatsapp.com/channel/0029Va"))
                .extract().path("id");
        authorized().queryParam("role", "OWNER").get(SESSION + "/channels").then().statusCode(200).body("id", hasItem(id));
        authorized().queryParam("role", "SUBSCRIBER").get(SESSION + "/channels").then().statusCode(200).body("id", not(hasItem(id)));

        authorized().body(Map.of("text", "Tudo 10% mais barato hoje")).post(SESSION + "/channels/" + id + "/messages")
                .then().statusCode(202).body("chat", equalTo(id));

        await().until(() -> whatsapp.delivered().stream().anyMatch(sent -> sent.message().chatJid().equals(id)));
        var posted = whatsapp.delivered().stream().filter(sent -> sent.message().chatJid().equals(id)).findFirst().orElseThrow();
        assertThat(posted.text().text()).isEqualTo("Tudo 10% mais barato hoje");
    }

    @Test
    void aFollowerReadsReactsAndUnfollowsButNeverPosts() {
        whatsapp.resetToConnected();
        var news = channels.othersChannel("Notícias", "0029VaNOTICIAS1234567890", "primeira", "segunda");

        authorized().body(Map.of("invite", "https://whatsapp.com/channel/0029VaNOTICIAS1234567890"))
                .post(SESSION + "/channels/follow").then().statusCode(200)
                .body("id", equalTo(news.jid())).body("role", equalTo("SUBSCRIBER"));
        authorized().get(SESSION + "/channels/0029VaNOTICIAS1234567890").then().statusCode(200).body("id", equalTo(news.jid()));
        authorized().get(SESSION + "/channels/" + news.jid() + "/messages").then().statusCode(200)
                .body("items.text", contains("segunda", "primeira")).body("items[0].serverId", equalTo(101));

        authorized().body(Map.of("reaction", "👍")).post(SESSION + "/channels/" + news.jid() + "/messages/101/reaction")
                .then().statusCode(204);
        assertThat(channels.reactionTo(news.jid(), 101)).isEqualTo("👍");

        authorized().body(Map.of("text", "not mine")).post(SESSION + "/channels/" + news.jid() + "/messages").then()
                .statusCode(403).contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-channel-admin"));

        authorized().post(SESSION + "/channels/" + news.jid() + "/unfollow").then().statusCode(204);
        assertThat(channels.roleIn(news.jid())).isEqualTo("GUEST");
        authorized().get(SESSION + "/channels").then().statusCode(200).body("id", not(hasItem(news.jid())));
    }

    @Test
    void aPostOfAFollowedChannelIsStoredAndAnnouncedAndCanBeReactedToByItsId() {
        whatsapp.resetToConnected();
        var sports = channels.othersChannel("Esportes", "0029VaESPORTES123456789", "gol");
        authorized().post(SESSION + "/channels/" + sports.jid() + "/follow").then().statusCode(200);

        whatsapp.emit(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("POST0", sports.jid(), sports.jid(), null,
                new MessageContent.Text("gol"), null, List.of(), Instant.parse("2026-11-24T10:00:00Z"), false,
                MessageTraits.NONE.inChannel(100))));

        String stored = await().until(() -> authorized().queryParam("chat", sports.jid()).get(SESSION + "/messages").then()
                .extract().<String>path("items[0].id"), java.util.Objects::nonNull);
        authorized().get(SESSION + "/messages/" + stored).then().statusCode(200)
                .body("text", equalTo("gol")).body("channelServerId", equalTo(100));
        authorized().queryParam("type", "message.received").get(SESSION + "/events").then().statusCode(200)
                .body("items.find { it.payload.chat == '" + sports.jid() + "' }.payload.channelServerId", equalTo(100));

        authorized().body(Map.of("reaction", "🔥")).post(SESSION + "/channels/" + sports.jid() + "/messages/" + stored + "/reaction")
                .then().statusCode(204);
        assertThat(channels.reactionTo(sports.jid(), 100)).isEqualTo("🔥");
    }

    @Test
    void unknownChannelsAndInvitesAndMalformedIdsAreProblems() {
        whatsapp.resetToConnected();
        authorized().get(SESSION + "/channels/0029VaUNKNOWN0000000000").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.endsWith("invite-code-not-found"));
        authorized().get(SESSION + "/channels/999999999999999999@newsletter").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.endsWith("channel-not-found"));
        authorized().post(SESSION + "/channels/not a channel/unfollow").then().statusCode(400);
        authorized().body(Map.of("name", "")).post(SESSION + "/channels").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        authorized().queryParam("role", "KING").get(SESSION + "/channels").then().statusCode(400);
    }
}
