package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;
import it.auties.whatsapp.model.info.NewsletterMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.newsletter.NewsletterMetadata;
import it.auties.whatsapp.model.newsletter.NewsletterViewerMetadata;
import it.auties.whatsapp.model.newsletter.NewsletterViewerRole;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channels (newsletters) between a real WhatsApp Web client (Cobalt) and simulated phones: created over {@code w:mex},
 * looked up by JID and by invite code, followed and unfollowed (told by {@code mex} notifications), posts delivered as
 * plaintext {@code <message from="…@newsletter">}, history by count and server id, reactions counted. Where Cobalt 0.0.10
 * has no call (lookup by invite, reactions with a server id, history before a server id) the test sends the stanza as
 * whatsmeow does, over Cobalt's node API.
 */
@Timeout(180)
class ChannelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FETCH_QUERY = "6563316087068696";
    private static final String CREATE_QUERY = "6234210096708695";
    private static final byte[] PICTURE = TestMedia.png(16, 16);

    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();

    private static final List<NewsletterMessageInfo> posts = new CopyOnWriteArrayList<>();

    @Test
    void theClientCreatesAChannelFoundByJidAndByInvite() throws Exception {
        var api = shop.client.api;
        var created = create("Ofertas da Loja", "Promoções toda semana");
        var jid = Jid.of(created.path("id").asText());
        assertThat(jid.server()).isEqualTo(JidServer.newsletter());
        assertThat(created.path("thread_metadata").path("name").path("text").asText()).isEqualTo("Ofertas da Loja");
        assertThat(created.path("viewer_metadata").path("role").asText()).isEqualTo("OWNER");
        // the account's devices learn of it as of a follow, by a mex notification Cobalt reads into its store
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> api.store().findNewsletterByJid(jid).isPresent());
        assertThat(api.store().findNewsletterByJid(jid).flatMap(newsletter -> newsletter.viewerMetadata())
                .map(NewsletterViewerMetadata::role)).hasValue(NewsletterViewerRole.OWNER);

        var byJid = api.queryNewsletter(jid, NewsletterViewerRole.OWNER).get(60, TimeUnit.SECONDS).orElseThrow();
        assertThat(byJid.metadata().flatMap(NewsletterMetadata::description).map(description -> description.text()))
                .hasValue("Promoções toda semana");
        var channel = shop.control.get("/api/channels/" + jid.user()).body();
        assertThat(channel.path("owner").asText()).isEqualTo(shop.number);

        var byInvite = fetchByInvite(channel.path("inviteCode").asText());
        assertThat(byInvite.path("id").asText()).isEqualTo(jid.toString());
        assertThat(byInvite.path("thread_metadata").path("name").path("text").asText()).isEqualTo("Ofertas da Loja");
        assertThat(byInvite.path("thread_metadata").path("subscribers_count").asText()).isEqualTo("0");
        assertThat(byInvite.has("viewer_metadata")).as("asked without viewer metadata").isFalse();
        assertThat(fetchByInvite("0029VaNoSuchChannel000000").isNull()).isTrue();

        // Cobalt's own call (its query id, then a live-updates IQ naming the channel's JID) works with cobalt-patches' BinaryLength
        var own = api.createNewsletter("Loja no Canal", "Tudo aqui").get(60, TimeUnit.SECONDS).orElseThrow();
        assertThat(own.metadata().flatMap(NewsletterMetadata::name).map(name -> name.text())).hasValue("Loja no Canal");
        assertThat(shop.control.get("/api/channels/" + own.jid().user()).body().path("owner").asText()).isEqualTo(shop.number);
        assertThat(shop.client.errors).as("Cobalt's errors").isEmpty();
    }

    @Test
    void aFollowerByInviteGetsAnotherAccountsPostsReadsHistoryAndReacts() throws Exception {
        var api = shop.client.api;
        api.addNewNewsletterMessageListener((NewsletterMessageInfo info) -> posts.add(info));
        var ana = Pairing.createPhone(shop.control, "Ana");
        var created = shop.control.post("/api/phones/" + ana + "/channels", Map.of("name", "Receitas da Ana", "description", "Doces"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        var inviteLink = created.body().path("inviteLink").asText();
        var jid = Jid.of(fetchByInvite(inviteLink.substring(inviteLink.lastIndexOf('/') + 1)).path("id").asText());

        api.joinNewsletter(jid).get(60, TimeUnit.SECONDS);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> api.store().findNewsletterByJid(jid).isPresent());
        assertThat(shop.control.get("/api/channels/" + jid.user()).body().path("followers").toString()).contains(shop.number);

        // Ana renames it: the follower's devices are told (Cobalt merges the new metadata into its store)
        assertThat(shop.control.patch("/api/channels/" + jid.user(), Map.of("name", "Receitas e Doces")).status()).isEqualTo(200);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> api.store().findNewsletterByJid(jid).flatMap(newsletter -> newsletter.metadata())
                .flatMap(NewsletterMetadata::name).map(name -> name.text()).filter("Receitas e Doces"::equals).isPresent());

        var first = post(jid, "Bolo de fubá hoje");
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> received(first).isPresent());
        var delivered = received(first).orElseThrow();
        assertThat(((TextMessage) delivered.message().content()).text()).isEqualTo("Bolo de fubá hoje");
        assertThat(delivered.serverId()).isEqualTo(first.path("serverId").asInt());
        var second = post(jid, "Pudim amanhã");
        var third = post(jid, "Brigadeiro sexta");
        assertThat(List.of(second.path("serverId").asLong(), third.path("serverId").asLong()))
                .containsExactly(first.path("serverId").asLong() + 1, first.path("serverId").asLong() + 2);

        // history: the 2 messages before the third, oldest first
        var history = api.sendNode(Node.of("iq", Map.of("xmlns", "newsletter", "type", "get", "to", JidServer.whatsapp().toJid()),
                Node.of("messages", Map.of("type", "jid", "jid", jid.toString(), "count", 2, "before", third.path("serverId").asLong()))))
                .get(60, TimeUnit.SECONDS);
        var listed = history.findChild("messages").orElseThrow().listChildren("message");
        assertThat(listed).extracting(message -> message.attributes().getLong("server_id"))
                .containsExactly(first.path("serverId").asLong(), second.path("serverId").asLong());

        // Cobalt's own history call asks with the channel's JID and keeps what it gets in its store
        api.queryNewsletterMessages(jid, 10).get(60, TimeUnit.SECONDS);
        assertThat(api.store().findNewsletterByJid(jid).orElseThrow().messages()).extracting(NewsletterMessageInfo::serverId)
                .contains(first.path("serverId").asInt(), second.path("serverId").asInt(), third.path("serverId").asInt());

        // a reaction, as whatsmeow sends it (Cobalt 0.0.10's names no server id), is counted for the owner to see
        api.sendNode(Node.of("message", Map.of("to", jid.toString(), "id", UUID.randomUUID().toString(), "server_id", second.path("serverId").asLong(),
                "type", "reaction"), Node.of("reaction", Map.of("code", "😋")))).get(60, TimeUnit.SECONDS);
        // and a view, as whatsmeow marks them (NewsletterMarkViewed: a receipt of type view listing server ids)
        api.sendNode(Node.of("receipt", Map.of("to", jid.toString(), "type", "view", "id", UUID.randomUUID().toString()),
                Node.of("list", Node.of("item", Map.of("server_id", second.path("serverId").asLong()))))).get(60, TimeUnit.SECONDS);
        var reacted = shop.control.get("/api/channels/" + jid.user() + "/messages").body().get(1);
        assertThat(reacted.path("reactions").path("😋").asInt()).isEqualTo(1);
        assertThat(reacted.path("reactionsBy").path(shop.number).asText()).isEqualTo("😋");
        assertThat(reacted.path("views").asInt()).isEqualTo(1);

        // a picture travels unencrypted: no media key, the blob on the media host is the file itself
        var pictured = shop.control.post("/api/channels/" + jid.user() + "/messages", Map.of("type", "image", "caption", "Olha o bolo",
                "media", Map.of("data", Base64.getEncoder().encodeToString(PICTURE), "mimeType", "image/png")));
        assertThat(pictured.status()).as("%s", pictured.body()).isEqualTo(201);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> received(pictured.body()).isPresent());
        var image = (ImageMessage) received(pictured.body()).orElseThrow().message().content();
        assertThat(image.caption()).hasValue("Olha o bolo");
        assertThat(image.mediaKey()).isEmpty();
        assertThat(SimulatorFixture.simulator().mediaHost().download(image.mediaDirectPath().orElseThrow())).isEqualTo(PICTURE);
        assertThat(image.mediaSha256().orElseThrow()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(PICTURE));

        // after unfollowing, posts no longer reach the client: a text Ana sends after the post arrives, the post does not
        api.leaveNewsletter(jid).get(60, TimeUnit.SECONDS);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> api.store().findNewsletterByJid(jid).isEmpty());
        var unseen = post(jid, "Só para quem segue");
        assertThat(unseen.path("audience").toString()).doesNotContain(shop.number);
        var marker = shop.control.post("/api/phones/" + ana + "/messages", Map.of("to", shop.number, "text", "Saiu do canal?"));
        shop.awaitStored(ana, marker.body().path("id").asText());
        assertThat(shop.client.nodesReceived).noneMatch(node -> unseen.path("id").asText().equals(node.attributes().getString("id", "")));
        assertThat(shop.client.errors).as("Cobalt's errors").isEmpty();
    }

    @Test
    void theAccountPostsToItsOwnChannelAndAFollowerPhoneSeesIt() throws Exception {
        var api = shop.client.api;
        var jid = Jid.of(create("Avisos da Loja", null).path("id").asText());
        var bia = Pairing.createPhone(shop.control, "Bia");
        assertThat(shop.control.post("/api/channels/" + jid.user() + "/followers", Map.of("number", bia)).status()).isEqualTo(200);

        // a text as whatsmeow posts it: the Message protobuf (conversation) in plaintext; the ack names its server id
        var id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        var ack = new java.util.concurrent.CompletableFuture<Node>();
        api.addNodeReceivedListener((Node node) -> {
            if (node.description().equals("ack") && id.equals(node.id())) {
                ack.complete(node);
            }
        });
        api.sendNode(Node.of("message", Map.of("to", jid.toString(), "id", id, "type", "text"), Node.of("plaintext", conversation("Abrimos às 9h"))))
                .get(60, TimeUnit.SECONDS);
        var serverId = ack.get(60, TimeUnit.SECONDS).attributes().getLong("server_id");
        assertThat(serverId).isPositive();

        var seen = StreamSupport.stream(shop.control.get("/api/phones/" + bia + "/channels").body().spliterator(), false)
                .filter(channel -> channel.path("jid").asText().equals(jid.toString())).findFirst().orElseThrow();
        assertThat(seen.path("messages").get(0).path("text").asText()).isEqualTo("Abrimos às 9h");
        assertThat(seen.path("messages").get(0).path("serverId").asLong()).isEqualTo(serverId);
        assertThat(seen.path("subscriberCount").asInt()).isEqualTo(1);

        // a picture as whatsmeow posts it: uploaded unencrypted (newsletter-image), the message naming it, the handle in media_id
        var auth = SimulatorFixture.simulator().mediaHost().newConnection().auth();
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(PICTURE));
        var uploaded = JSON.readTree(upload("/newsletter/newsletter-image/" + token + "?auth=" + auth + "&token=" + token, PICTURE));
        var picture = new MediaMessage(MediaType.IMAGE, uploaded.path("url").asText(), uploaded.path("direct_path").asText(), null,
                MessageDigest.getInstance("SHA-256").digest(PICTURE), null, PICTURE.length, null, "image/png", "Vitrine nova",
                null, null, null, null, null).toMessage();
        var mediaId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        api.sendNode(Node.of("message", Map.of("to", jid.toString(), "id", mediaId, "type", "media", "media_id", uploaded.path("handle").asText()),
                Node.of("plaintext", Map.of("mediatype", "image"), picture))).get(60, TimeUnit.SECONDS);
        var seenPicture = StreamSupport.stream(shop.control.get("/api/phones/" + bia + "/channels").body().spliterator(), false)
                .filter(channel -> channel.path("jid").asText().equals(jid.toString())).findFirst().orElseThrow().path("messages").get(1);
        assertThat(seenPicture.path("caption").asText()).isEqualTo("Vitrine nova");
        assertThat(seenPicture.path("mediaType").asText()).isEqualTo("image");
        assertThat(SimulatorFixture.simulator().mediaHost().download(seenPicture.path("directPath").asText())).isEqualTo(PICTURE);

        // Bia reacts; the owner is told the count live (it asked for live updates), and reads it in the message updates
        var live = api.sendNode(Node.of("iq", Map.of("xmlns", "newsletter", "type", "set", "to", jid.toString()), Node.of("live_updates")))
                .get(60, TimeUnit.SECONDS);
        assertThat(live.findChild("live_updates").orElseThrow().attributes().getLong("duration")).isEqualTo(300);
        assertThat(shop.control.post("/api/channels/" + jid.user() + "/messages/" + serverId + "/reactions",
                Map.of("from", bia, "emoji", "👍")).status()).isEqualTo(200);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> shop.client.nodesReceived.stream().anyMatch(node ->
                node.description().equals("notification") && node.attributes().getString("type", "").equals("newsletter")
                        && node.toString().contains("👍")));
        var updates = api.sendNode(Node.of("iq", Map.of("xmlns", "newsletter", "type", "get", "to", jid.toString()),
                Node.of("message_updates", Map.of("count", 10)))).get(60, TimeUnit.SECONDS);
        var counted = updates.findChild("message_updates").flatMap(node -> node.findChild("messages")).orElseThrow()
                .listChildren("message").getFirst().findChild("reactions").orElseThrow().listChildren("reaction").getFirst();
        assertThat(counted.attributes().getString("code")).isEqualTo("👍");
        assertThat(counted.attributes().getInt("count")).isEqualTo(1);
        assertThat(shop.client.errors).as("Cobalt's errors").isEmpty();
    }

    /** Uploads to the media host through the proxy, as any client of this JVM does; the answer's body. */
    private static byte[] upload(String path, byte[] body) throws Exception {
        try (var http = java.net.http.HttpClient.newBuilder().build()) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://mmg.whatsapp.net" + path))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            return answer.body();
        }
    }

    /** A {@code Message} with {@code conversation} (field 1) = text. */
    private static byte[] conversation(String text) {
        var utf8 = text.getBytes(StandardCharsets.UTF_8);
        var message = new byte[utf8.length + 2];
        message[0] = 0x0A;
        message[1] = (byte) utf8.length;
        System.arraycopy(utf8, 0, message, 2, utf8.length);
        return message;
    }

    private static JsonNode post(Jid channel, String text) {
        var posted = shop.control.post("/api/channels/" + channel.user() + "/messages", Map.of("text", text));
        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(201);
        return posted.body();
    }

    private static java.util.Optional<NewsletterMessageInfo> received(JsonNode post) {
        return posts.stream().filter(info -> info.id().equals(post.path("id").asText())).findFirst();
    }

    /** A channel by its invite code, as whatsmeow asks ({@code GetNewsletterInfoWithInvite}): {@code xwa2_newsletter}. */
    private static JsonNode fetchByInvite(String code) throws Exception {
        return mex(FETCH_QUERY, Map.of("fetch_creation_time", true, "fetch_full_image", true, "fetch_viewer_metadata", false,
                "input", Map.of("key", code, "type", "INVITE"))).path("xwa2_newsletter");
    }

    /** A channel created as whatsmeow creates it ({@code CreateNewsletter}: its query id, {@code newsletter_input}). */
    private static JsonNode create(String name, String description) throws Exception {
        var input = new java.util.HashMap<String, Object>(Map.of("name", name));
        if (description != null) {
            input.put("description", description);
        }
        return mex(CREATE_QUERY, Map.of("newsletter_input", input)).path("xwa2_newsletter_create");
    }

    /** A {@code w:mex} query: the {@code data} of its JSON answer. */
    private static JsonNode mex(String queryId, Map<String, ?> variables) throws Exception {
        var answer = shop.client.api.sendNode(Node.of("iq", Map.of("xmlns", "w:mex", "type", "get", "to", JidServer.whatsapp().toJid()),
                Node.of("query", Map.of("query_id", queryId), JSON.writeValueAsBytes(Map.of("variables", variables))))).get(60, TimeUnit.SECONDS);
        var result = answer.findChild("result").flatMap(Node::contentAsBytes).orElseThrow();
        return JSON.readTree(result).path("data");
    }
}
