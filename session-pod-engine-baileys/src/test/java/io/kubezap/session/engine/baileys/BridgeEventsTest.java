package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.ContactCard;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.WhatsAppRoute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge's events (PROTOCOL.md) as the session's engine events. */
class BridgeEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T13:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final BridgeEvents events = new BridgeEvents(Clock.fixed(NOW, ZoneOffset.UTC), WhatsAppRoute.DIRECT);

    @Test
    void aQrIsShownForItsLifetime() throws IOException {
        assertThat(event("{\"event\":\"qr\",\"qr\":\"2@abc\",\"ttlMs\":60000}"))
                .isEqualTo(new EngineEvent.QrIssued("2@abc", NOW.plusSeconds(60)));
    }

    @Test
    void loggingInNamesTheAccount() throws IOException {
        var connected = (EngineEvent.Connected) event("{\"event\":\"open\",\"jid\":\"5511999990001@s.whatsapp.net\",\"name\":\"Loja\"}");

        assertThat(connected.account().phoneNumber()).isEqualTo("5511999990001");
        assertThat(connected.account().pushName()).isEqualTo("Loja");
    }

    @Test
    void aClosedSocketIsToldApartAsWhatsAppMeantIt() throws IOException {
        assertThat(event("{\"event\":\"closed\",\"code\":401,\"message\":\"x\",\"loggedOut\":true}"))
                .isInstanceOf(EngineEvent.LoggedOut.class);
        assertThat(event("{\"event\":\"closed\",\"code\":403,\"message\":\"x\",\"banned\":true}"))
                .isInstanceOf(EngineEvent.Banned.class);
        assertThat(event("{\"event\":\"closed\",\"code\":405,\"message\":\"x\",\"outdated\":true,\"version\":\"2.3000.1\",\"retryInMs\":5000}"))
                .isEqualTo(new EngineEvent.Disconnected(SessionState.LastError.CLIENT_OUTDATED,
                        io.kubezap.session.engine.version.WebVersions.refusal("2.3000.1", "Baileys: x (405)"), NOW.plusSeconds(5)));
        assertThat(((EngineEvent.Disconnected) event("{\"event\":\"closed\",\"code\":440,\"message\":\"x\",\"conflict\":true,\"retryInMs\":2000}")).reason())
                .isEqualTo("Conflict");
        assertThat(((EngineEvent.Disconnected) event("{\"event\":\"closed\",\"code\":428,\"message\":\"x\",\"retryInMs\":2000}")).reason())
                .isEqualTo("ConnectionFailure");
    }

    @Test
    void aSocketClosedBecauseTheSessionsProxyRefusedTheTunnelSaysSo() throws IOException {
        var refusal = new WhatsAppRoute.Failure(SessionState.LastError.PROXY_REFUSED,
                "the session's proxy http://127.0.0.1:3128 refused the tunnel to web.whatsapp.com:443 (407)");
        var proxied = new BridgeEvents(Clock.fixed(NOW, ZoneOffset.UTC), new WhatsAppRoute() {
            @Override
            public java.util.Optional<java.net.URI> httpProxy() {
                return java.util.Optional.of(java.net.URI.create("http://127.0.0.1:40000"));
            }

            @Override
            public java.util.Optional<Failure> lastFailure() {
                return java.util.Optional.of(refusal);
            }
        });

        assertThat(proxied.toEngineEvent(json.readTree("{\"event\":\"closed\",\"code\":408,\"message\":\"WebSocket Error\",\"retryInMs\":2000}")))
                .contains(new EngineEvent.Disconnected(SessionState.LastError.PROXY_REFUSED, refusal.message(), NOW.plusSeconds(2)));
        assertThat(proxied.toEngineEvent(json.readTree("{\"event\":\"closed\",\"code\":401,\"message\":\"x\",\"loggedOut\":true}")))
                .get().isInstanceOf(EngineEvent.LoggedOut.class);
    }

    @Test
    void aTextArrivesWithItsQuoteAndMentionsAndAnythingElseUnderItsKind() throws IOException {
        var text = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"ABC\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"pushName\":\"Cliente\",\"timestamp\":1764000000000,"
                + "\"text\":\"Oi\",\"kind\":\"extendedTextMessage\",\"quotedId\":\"Q1\",\"mentions\":[\"5522@s.whatsapp.net\"]}")).message();
        var live = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"D\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":null,"
                + "\"kind\":\"liveLocationMessage\",\"mentions\":[]}")).message();

        assertThat(text.content()).isEqualTo(new MessageContent.Text("Oi"));
        assertThat(text.quotedMessageId()).isEqualTo("Q1");
        assertThat(text.mentions()).containsExactly("5522@s.whatsapp.net");
        assertThat(text.timestamp()).isEqualTo(Instant.ofEpochMilli(1764000000000L));
        assertThat(live.content()).isEqualTo(new MessageContent.Other("live_location", null));
    }

    @Test
    void aForwardedTextWithALinkPreviewAndViewOnceMediaArriveWithTheirTraits() throws IOException {
        var forwarded = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"F\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":\"Olha https://a.example\","
                + "\"kind\":\"extendedTextMessage\",\"mentions\":[],\"forwarded\":true,\"forwardingScore\":2,\"viewOnce\":false,"
                + "\"linkPreview\":{\"matchedText\":\"https://a.example\",\"url\":\"https://a.example\",\"title\":\"A\","
                + "\"description\":null,\"thumbnail\":null}}")).message();
        var once = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"V\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":null,"
                + "\"kind\":\"imageMessage\",\"mentions\":[],\"viewOnce\":true,\"linkPreview\":null}")).message();

        assertThat(forwarded.traits()).isEqualTo(new io.kubezap.session.engine.MessageTraits(true, 2, false,
                new io.kubezap.session.engine.LinkPreview("https://a.example", "https://a.example", "A", null, null)));
        assertThat(once.traits().viewOnce()).isTrue();
        assertThat(once.traits().linkPreview()).isNull();
    }

    @Test
    void aReceiptNamesTheSentMessage() throws IOException {
        assertThat(event("{\"event\":\"receipt\",\"id\":\"3EB0\",\"chat\":\"5511@s.whatsapp.net\",\"receipt\":\"READ\","
                + "\"participant\":null,\"at\":1764000000000}"))
                .isEqualTo(new EngineEvent.ReceiptReceived("3EB0", "5511@s.whatsapp.net", EngineEvent.Receipt.READ,
                        Instant.ofEpochMilli(1764000000000L), null));
    }

    @Test
    void aFileArrivesWithWhatDownloadingItNeeds() throws IOException {
        var image = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"M\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":null,"
                + "\"kind\":\"audioMessage\",\"media\":{\"kind\":\"VOICE\",\"mimeType\":null,\"size\":2048,\"sha256\":\"ab\","
                + "\"fileName\":null,\"caption\":null,\"url\":\"https://mmg/x\",\"directPath\":\"/v/x\",\"mediaKey\":\"a2V5\","
                + "\"fileSha256\":\"q=\",\"fileEncSha256\":\"e=\"},\"mentions\":[]}")).message();

        var media = (MessageContent.Media) image.content();
        assertThat(media.kind()).isEqualTo(MediaKind.VOICE);
        assertThat(media.mimeType()).isEqualTo(MediaKind.VOICE.defaultMimeType());
        assertThat(media.locator()).isEqualTo(new MediaLocator(MediaKind.VOICE, "https://mmg/x", "/v/x", "a2V5", "q=", "e=", 2048));
    }

    @Test
    void aPlaceContactCardsAPollAndAGroupInvitationArriveAsTheirContent() throws IOException {
        String message = "{\"event\":\"message\",\"id\":\"P\",\"chat\":\"5511@s.whatsapp.net\",\"sender\":\"5511@s.whatsapp.net\","
                + "\"fromMe\":false,\"timestamp\":1764000000000,\"text\":null,\"mentions\":[],";

        assertThat(received(message + "\"kind\":\"locationMessage\",\"location\":{\"latitude\":-23.5,\"longitude\":-46.6,"
                + "\"name\":\"Loja\",\"address\":null}}")).isEqualTo(new MessageContent.Location(-23.5, -46.6, "Loja", null));
        assertThat(received(message + "\"kind\":\"contactMessage\",\"contacts\":[{\"fullName\":\"Ana\",\"vcard\":\"BEGIN:VCARD\"}]}"))
                .isEqualTo(new MessageContent.Contacts(java.util.List.of(new ContactCard("Ana", java.util.List.of(), "BEGIN:VCARD"))));
        assertThat(received(message + "\"kind\":\"pollCreationMessageV3\",\"poll\":{\"name\":\"Sabor?\",\"options\":[\"A\",\"B\"],"
                + "\"selectableCount\":1}}")).isEqualTo(new MessageContent.Poll("Sabor?", java.util.List.of("A", "B"), 1));
        assertThat(received(message + "\"kind\":\"groupInviteMessage\",\"groupInvite\":{\"groupJid\":\"1203630001@g.us\","
                + "\"inviteCode\":\"Kx7Q\",\"expiresAt\":\"2030-01-02T03:04:05.000Z\",\"groupName\":\"VIP\",\"caption\":null}}"))
                .isEqualTo(new MessageContent.GroupInvite("1203630001@g.us", "Kx7Q", java.time.Instant.parse("2030-01-02T03:04:05Z"),
                        "VIP", null));
    }

    @Test
    void anEditNamesTheMessageItChangesAndWhoChangedIt() throws IOException {
        assertThat(event("{\"event\":\"update\",\"id\":\"U\",\"chat\":\"5511@s.whatsapp.net\",\"sender\":\"5511@s.whatsapp.net\","
                + "\"fromMe\":false,\"timestamp\":1764000000000,\"target\":{\"chat\":\"5511@s.whatsapp.net\",\"id\":\"T\","
                + "\"fromMe\":false,\"sender\":\"5511@s.whatsapp.net\"},\"edit\":\"Quero 3\"}"))
                .isEqualTo(new EngineEvent.MessageUpdated("U", new MessageRef("5511@s.whatsapp.net", "T", false, "5511@s.whatsapp.net"),
                        "5511@s.whatsapp.net", false, new MessageUpdate.Edit("Quero 3"), Instant.ofEpochMilli(1764000000000L)));
    }

    @Test
    void aVoteNamesThePollAndTheOptionsItsVoterChose() throws IOException {
        assertThat(event("{\"event\":\"update\",\"id\":\"V\",\"chat\":\"5511@s.whatsapp.net\",\"sender\":\"5511@s.whatsapp.net\","
                + "\"fromMe\":false,\"timestamp\":1764000000000,\"target\":{\"chat\":\"5511@s.whatsapp.net\",\"id\":\"P\","
                + "\"fromMe\":true,\"sender\":null},\"vote\":[\"Calabresa\",\"Atum\"]}"))
                .isEqualTo(new EngineEvent.MessageUpdated("V", new MessageRef("5511@s.whatsapp.net", "P", true, null),
                        "5511@s.whatsapp.net", false, new MessageUpdate.PollVote(java.util.List.of("Calabresa", "Atum")),
                        Instant.ofEpochMilli(1764000000000L)));
    }

    @Test
    void anHdOriginalNamesItsStandardPhotoAndCarriesTheOriginalFile() throws IOException {
        var updated = (EngineEvent.MessageUpdated) event("{\"event\":\"update\",\"id\":\"H\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"target\":{\"chat\":"
                + "\"5511@s.whatsapp.net\",\"id\":\"S\",\"fromMe\":false,\"sender\":\"5511@s.whatsapp.net\"},\"hd\":{\"kind\":\"IMAGE\","
                + "\"mimeType\":\"image/jpeg\",\"size\":2400000,\"sha256\":\"ab\",\"url\":\"https://mmg/hd\",\"directPath\":\"/hd\","
                + "\"mediaKey\":\"AQ==\",\"fileSha256\":\"Ag==\",\"fileEncSha256\":\"Aw==\",\"width\":4000,\"height\":3000}}");
        assertThat(updated.target()).isEqualTo(new MessageRef("5511@s.whatsapp.net", "S", false, "5511@s.whatsapp.net"));
        var original = ((MessageUpdate.HdCopy) updated.update()).media();
        assertThat(original.kind()).isEqualTo(io.kubezap.session.engine.MediaKind.IMAGE);
        assertThat(original.size()).isEqualTo(2400000L);
        assertThat(original.locator().directPath()).isEqualTo("/hd");
        assertThat(original.facts().width()).isEqualTo(4000);
    }

    @Test
    void anEventsAnswerNamesTheEventAndWhatTheGuestSaid() throws IOException {
        assertThat(event("{\"event\":\"update\",\"id\":\"R\",\"chat\":\"5511@s.whatsapp.net\",\"sender\":\"5511@s.whatsapp.net\","
                + "\"fromMe\":false,\"timestamp\":1764000000000,\"target\":{\"chat\":\"5511@s.whatsapp.net\",\"id\":\"E\","
                + "\"fromMe\":true,\"sender\":null},\"eventResponse\":\"NOT_GOING\"}"))
                .isEqualTo(new EngineEvent.MessageUpdated("R", new MessageRef("5511@s.whatsapp.net", "E", true, null),
                        "5511@s.whatsapp.net", false, new MessageUpdate.EventResponse("NOT_GOING"),
                        Instant.ofEpochMilli(1764000000000L)));
    }

    @Test
    void anEventArrivesAsItsOwnKind() throws IOException {
        var received = (EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"E\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":null,\"kind\":\"eventMessage\","
                + "\"calendarEvent\":{\"name\":\"Revisão\",\"description\":null,\"location\":{\"name\":\"Oficina\"},\"joinLink\":null,"
                + "\"startTime\":2063137000,\"endTime\":null,\"extraGuestsAllowed\":false,\"canceled\":false},\"upsert\":\"notify\"}");
        assertThat(received.message().content()).isEqualTo(new io.kubezap.session.engine.MessageContent.Event("Revisão", null,
                new io.kubezap.session.engine.MessageContent.Event.EventPlace("Oficina"), null, 2_063_137_000L, null, false, false));
    }

    @Test
    void anOrderArrivesWithItsItems() throws IOException {
        var received = (EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"O\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"sender\":\"5511@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":null,\"kind\":\"orderMessage\","
                + "\"order\":{\"orderId\":\"1001\",\"title\":\"Pedido\",\"message\":\"À tarde\",\"itemCount\":2,\"status\":\"inquiry\","
                + "\"sellerJid\":\"5522@s.whatsapp.net\",\"total\":25990000,\"currency\":\"BRL\",\"items\":[{\"productId\":\"7001\","
                + "\"name\":\"Tinta\",\"price\":12995000,\"currency\":\"BRL\",\"quantity\":2,\"imageUrl\":null}]},\"upsert\":\"notify\"}");
        assertThat(received.message().content()).isEqualTo(new io.kubezap.session.engine.MessageContent.Order("1001", "Pedido", "À tarde", 2,
                "inquiry", "5522@s.whatsapp.net", 25_990_000L, "BRL", java.util.List.of(new io.kubezap.session.engine.MessageContent.Order.OrderItem(
                        "7001", "Tinta", 12_995_000L, "BRL", 2, null))));
    }

    @Test
    void presenceAndCallsAreReportedAsTheServerSentThem() throws IOException {
        assertThat(event("{\"event\":\"presence\",\"jid\":\"5511@s.whatsapp.net\",\"state\":\"PAUSED\",\"lastSeen\":null,"
                + "\"chat\":\"5511@s.whatsapp.net\",\"at\":1764000000000}"))
                .isEqualTo(new EngineEvent.PresenceUpdated("5511@s.whatsapp.net", EngineEvent.PresenceState.PAUSED, null,
                        "5511@s.whatsapp.net", Instant.ofEpochMilli(1764000000000L)));
        assertThat(event("{\"event\":\"call\",\"id\":\"C\",\"caller\":\"5511@s.whatsapp.net\",\"video\":true,\"state\":\"RINGING\","
                + "\"at\":1764000000000,\"offline\":false}"))
                .isEqualTo(new EngineEvent.CallUpdated("C", "5511@s.whatsapp.net", true, EngineEvent.CallState.RINGING,
                        Instant.ofEpochMilli(1764000000000L), false));
    }

    @Test
    void theNumberBehindALinkedIdentityIsAnAddressLearned() throws IOException {
        assertThat(event("{\"event\":\"address\",\"lid\":\"150000000000001@lid\",\"pn\":\"5511@s.whatsapp.net\","
                + "\"source\":\"message\"}"))
                .isEqualTo(new EngineEvent.AddressLearned("150000000000001@lid", "5511@s.whatsapp.net", "message"));
    }

    @Test
    void aGroupCreatedWithTheAccountAndAnAddByInviteAreTheChangesWhatsAppNamed() throws IOException {
        var created = (EngineEvent.GroupNotified) event("{\"event\":\"group\",\"group\":\"1203630001@g.us\","
                + "\"by\":\"5511@s.whatsapp.net\",\"at\":1764000000000,\"created\":{\"jid\":\"1203630001@g.us\","
                + "\"subject\":\"Loja\",\"description\":null,\"owner\":\"5511@s.whatsapp.net\",\"announce\":false,"
                + "\"locked\":false,\"participants\":[{\"jid\":\"5511@s.whatsapp.net\",\"role\":\"superadmin\"}]}}");
        assertThat(created.changes()).singleElement().isEqualTo(new GroupChange.Created(new GroupInfo("1203630001@g.us", "Loja",
                null, "5511@s.whatsapp.net", false, false, List.of(new GroupInfo.Participant("5511@s.whatsapp.net", "superadmin")))));

        var joined = (EngineEvent.GroupNotified) event("{\"event\":\"group\",\"group\":\"1203630001@g.us\","
                + "\"by\":\"5522@s.whatsapp.net\",\"at\":1764000000000,\"action\":\"add\","
                + "\"participants\":[\"5522@s.whatsapp.net\"],\"reason\":\"invite\"}");
        assertThat(joined.changes()).containsExactly(new GroupChange.Participants("add", List.of("5522@s.whatsapp.net"), "invite"));
    }

    @Test
    void aGroupsExtrasChangedOnAPhoneAreTheChangesWhatsAppNamed() throws IOException {
        String told = "{\"event\":\"group\",\"group\":\"1203630001@g.us\",\"by\":\"5522@s.whatsapp.net\",\"at\":1764000000000,";
        assertThat(((EngineEvent.GroupNotified) event(told + "\"changes\":{\"ephemeral\":86400}}")).changes())
                .containsExactly(new GroupChange.Ephemeral(86400));
        assertThat(((EngineEvent.GroupNotified) event(told + "\"changes\":{\"joinApproval\":true}}")).changes())
                .containsExactly(new GroupChange.JoinApproval(true));
        assertThat(((EngineEvent.GroupNotified) event(told + "\"changes\":{\"picture\":null}}")).changes())
                .containsExactly(new GroupChange.Picture(null));
        assertThat(((EngineEvent.GroupNotified) event(told + "\"changes\":{\"joinRequests\":{\"action\":\"requested\","
                + "\"participants\":[\"5533@s.whatsapp.net\"],\"method\":\"invite_link\"}}}")).changes())
                .containsExactly(new GroupChange.JoinRequests("requested", List.of("5533@s.whatsapp.net"), "invite_link"));
        assertThat(((EngineEvent.GroupNotified) event(told + "\"changes\":{\"link\":{\"group\":\"1203630002@g.us\",\"linked\":false}}}"))
                .changes()).containsExactly(new GroupChange.Link("1203630002@g.us", false));
    }

    @Test
    void aContactsTextStatusKeepsItsLook() throws IOException {
        var status = (EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"3EB0S\",\"chat\":\"status@broadcast\","
                + "\"sender\":\"5522@s.whatsapp.net\",\"fromMe\":false,\"timestamp\":1764000000000,\"text\":\"Bom dia!\","
                + "\"kind\":\"extendedTextMessage\",\"statusLook\":{\"backgroundColor\":\"#FF8A2BE2\",\"font\":3}}");
        assertThat(status.message().traits().statusPost()).isEqualTo(new io.kubezap.session.engine.StatusPost("#FF8A2BE2", 3, null));
    }

    @Test
    void aContactTheOwnerSavedHasItsFullAndFirstName() throws IOException {
        assertThat(event("{\"event\":\"contact\",\"jid\":\"5511@s.whatsapp.net\",\"name\":\"Ana Cliente VIP\",\"firstName\":\"Ana\"}"))
                .isEqualTo(new EngineEvent.ContactSaved("5511@s.whatsapp.net", "Ana Cliente VIP", "Ana"));
        assertThat(event("{\"event\":\"contact\",\"jid\":\"5511@s.whatsapp.net\",\"name\":\"Fornecedor\",\"firstName\":null}"))
                .isEqualTo(new EngineEvent.ContactSaved("5511@s.whatsapp.net", "Fornecedor", null));
    }

    @Test
    void anAlbumIsAnAlbumWithItsCountsAndItsFilesNameIt() throws IOException {
        assertThat(received("{\"event\":\"message\",\"id\":\"3EB0A\",\"chat\":\"5511@s.whatsapp.net\",\"kind\":\"albumMessage\","
                + "\"album\":{\"expectedImageCount\":2,\"expectedVideoCount\":1}}"))
                .isEqualTo(new MessageContent.Album(2, 1));
        var item = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"3EB0B\",\"chat\":\"5511@s.whatsapp.net\","
                + "\"kind\":\"imageMessage\",\"media\":{\"kind\":\"IMAGE\",\"size\":10},\"albumId\":\"3EB0A\"}")).message();
        assertThat(item.traits().albumId()).isEqualTo("3EB0A");
        assertThat(json.readTree(json.writeValueAsString(item.traits())).path("albumId").asText()).isEqualTo("3EB0A");
    }

    @Test
    void aFollowedChannelsPostArrivesFromTheChannelWithItsNumberInIt() throws IOException {
        var post = ((EngineEvent.MessageReceived) event("{\"event\":\"message\",\"id\":\"3EB0C\",\"chat\":\"120363000000000238@newsletter\","
                + "\"sender\":\"120363000000000238@newsletter\",\"text\":\"Feira no sábado\",\"channelServerId\":101}")).message();
        assertThat(post.chatJid()).isEqualTo("120363000000000238@newsletter");
        assertThat(post.content()).isEqualTo(new MessageContent.Text("Feira no sábado"));
        assertThat(post.traits().channelServerId()).isEqualTo(101L);
    }

    @Test
    void theAuthStateIsNoEngineEvent() throws IOException {
        assertThat(events.toEngineEvent(json.readTree("{\"event\":\"keys\",\"set\":{}}"))).isEmpty();
    }

    private MessageContent received(String line) throws IOException {
        return ((EngineEvent.MessageReceived) event(line)).message().content();
    }

    private EngineEvent event(String line) throws IOException {
        return events.toEngineEvent(json.readTree(line)).orElseThrow();
    }
}
