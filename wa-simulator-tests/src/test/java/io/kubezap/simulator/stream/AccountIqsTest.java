package io.kubezap.simulator.stream;

import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The IQs a companion sends about its own account, answered as WhatsApp answers them. */
class AccountIqsTest {

    private static final String NUMBER = "5511955551001";
    private static final Optional<Jid> COMPANION = Optional.of(Jid.of(NUMBER + ":3@s.whatsapp.net"));

    private final PhoneDirectory phones = new PhoneDirectory();
    private final MediaHost media = new MediaHost(Clock.systemUTC());
    private final AccountIqs iqs = new AccountIqs(phones, new AccountProfiles(media, Clock.systemUTC()));

    @Test
    void privacyIsReadBackAsSetAndAValueWhatsAppDoesNotOfferIsRefused() {
        var phone = phones.create(NUMBER, "Loja");

        var initial = categories(iqs.answer(COMPANION, iq("privacy", "get", Node.of("privacy"))).orElseThrow());
        assertThat(initial).containsEntry("last", "all").containsEntry("status", "contacts").containsKeys("online", "profile",
                "groupadd", "readreceipts", "calladd");

        var set = iqs.answer(COMPANION, iq("privacy", "set", Node.of("privacy",
                Node.of("category", Map.of("name", "last", "value", "contacts")),
                Node.of("category", Map.of("name", "online", "value", "match_last_seen"))))).orElseThrow();
        assertThat(set.attributes().getString("type")).isEqualTo("result");
        assertThat(categories(set)).containsExactly(Map.entry("last", "contacts"), Map.entry("online", "match_last_seen"));
        assertThat(categories(iqs.answer(COMPANION, iq("privacy", "get", Node.of("privacy"))).orElseThrow()))
                .containsEntry("last", "contacts").containsEntry("online", "match_last_seen").containsEntry("profile", "all");

        var refused = iqs.answer(COMPANION, iq("privacy", "set", Node.of("privacy",
                Node.of("category", Map.of("name", "online", "value", "contacts"))))).orElseThrow();
        assertThat(refused.attributes().getString("type")).isEqualTo("error");
        assertThat(refused.findChild("error").orElseThrow().attributes().getString("code")).isEqualTo("400");
        assertThat(phone.privacy().get("online")).isEqualTo("match_last_seen");
    }

    @Test
    void theAboutAndThePictureChangeWhatOthersAreShown() {
        var phone = phones.create(NUMBER, "Loja");

        var about = iqs.answer(COMPANION, iq("status", "set", Node.of("status", "Aberto das 9h às 18h".getBytes(StandardCharsets.UTF_8))));
        assertThat(about.orElseThrow().attributes().getString("type")).isEqualTo("result");
        assertThat(phone.profile().about()).isEqualTo("Aberto das 9h às 18h");
        var tooLong = iqs.answer(COMPANION, iq("status", "set", Node.of("status", "x".repeat(140).getBytes(StandardCharsets.UTF_8))));
        assertThat(tooLong.orElseThrow().attributes().getString("type")).isEqualTo("error");
        assertThat(phone.profile().about()).isEqualTo("Aberto das 9h às 18h");

        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        var picture = iqs.answer(COMPANION, iq("w:profile:picture", "set", Node.of("picture", Map.of("type", "image"), jpeg))).orElseThrow();
        var id = picture.findChild("picture").orElseThrow().attributes().getString("id");
        assertThat(phone.profile().pictureId()).isEqualTo(id);
        var url = ProfilePictures.answer(phones, java.util.Optional.empty(), Node.of("iq", Map.of("id", "q", "type", "get", "xmlns", "w:profile:picture",
                "target", Jid.of(NUMBER + "@s.whatsapp.net")), Node.of("picture", Map.of("type", "image", "query", "url"))))
                .orElseThrow().findChild("picture").orElseThrow().attributes().getString("url");
        assertThat(url).isEqualTo(phone.profile().pictureUrl());
        assertThat(media.stored()).anySatisfy(blob -> assertThat(url).contains(blob.directPath()));

        iqs.answer(COMPANION, iq("w:profile:picture", "set"));
        assertThat(phone.profile().hasPicture()).isFalse();
    }

    @Test
    void onlyALoggedInCompanionsOwnAccountIsAnswered() {
        phones.create(NUMBER, "Loja");
        assertThat(iqs.answer(Optional.empty(), iq("privacy", "get", Node.of("privacy")))).isEmpty();
        var groupPicture = Node.of("iq", Map.of("id", "g", "type", "set", "xmlns", "w:profile:picture",
                "target", Jid.of("120363000000000001@g.us")), Node.of("picture", Map.of("type", "image"), new byte[]{1}));
        assertThat(iqs.answer(COMPANION, groupPicture)).isEmpty();
    }

    private static Node iq(String xmlns, String type, Node... content) {
        var attributes = Map.<String, Object>of("id", "i1", "type", type, "xmlns", xmlns, "to", Jid.of("s.whatsapp.net"));
        return content.length == 0 ? Node.of("iq", attributes) : Node.of("iq", attributes, content);
    }

    private static Map<String, String> categories(Node answer) {
        var values = new LinkedHashMap<String, String>();
        answer.findChild("privacy").orElseThrow().listChildren("category").forEach(category ->
                values.put(category.attributes().getString("name"), category.attributes().getString("value")));
        return values;
    }
}
