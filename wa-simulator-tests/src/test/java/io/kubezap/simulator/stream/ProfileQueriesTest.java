package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneProfile;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile IQs as WhatsApp answers them: a picture's URL or 404, a business account's profile or none. */
class ProfileQueriesTest {

    private final PhoneDirectory phones = new PhoneDirectory();

    @Test
    void aPictureQueryIsAnsweredWithTheUrlOrWith404() {
        var phone = phones.create("5511955550001", "Ana");
        phones.create("5511955550002", "Bia");
        phone.profile(PhoneProfile.initial(Instant.EPOCH).withPicture("1700", "https://mmg.whatsapp.net/v/p.jpg?oh=1", "/v/p.jpg?oh=1"));

        var answer = ProfilePictures.answer(phones, java.util.Optional.empty(), pictureQuery("5511955550001")).orElseThrow();
        var picture = answer.findChild("picture").orElseThrow();
        assertThat(answer.attributes().getString("type")).isEqualTo("result");
        assertThat(picture.attributes().getString("id")).isEqualTo("1700");
        assertThat(picture.attributes().getString("url")).isEqualTo("https://mmg.whatsapp.net/v/p.jpg?oh=1");

        var none = ProfilePictures.answer(phones, java.util.Optional.empty(), pictureQuery("5511955550002")).orElseThrow();
        assertThat(none.attributes().getString("type")).isEqualTo("error");
        assertThat(none.findChild("error").orElseThrow().attributes().getString("code")).isEqualTo("404");
        assertThat(ProfilePictures.answer(phones, java.util.Optional.empty(), Node.of("iq", Map.of("id", "x", "type", "get", "xmlns", "w:g2")))).isEmpty();
    }

    @Test
    void aBusinessProfileIsAnsweredOnlyForABusinessAccount() {
        var shop = phones.create("5511955550003", "Loja");
        phones.create("5511955550004", "Bia");
        shop.profile(PhoneProfile.initial(Instant.EPOCH).withBusiness(
                new PhoneProfile.Business(null, "Tintas", "Rua A, 1", "loja@example.com", List.of("https://example.com"), "Home Improvement")));

        var profile = BusinessProfiles.answer(phones, java.util.Optional.empty(), businessQuery("5511955550003")).orElseThrow()
                .findChild("business_profile").orElseThrow().findChild("profile").orElseThrow();
        assertThat(profile.findChild("description").flatMap(Node::contentAsString)).contains("Tintas");
        assertThat(profile.findChild("email").flatMap(Node::contentAsString)).contains("loja@example.com");
        assertThat(profile.findChild("categories").flatMap(categories -> categories.findChild("category"))
                .flatMap(Node::contentAsString)).contains("Home+Improvement");

        assertThat(BusinessProfiles.answer(phones, java.util.Optional.empty(), businessQuery("5511955550004")).orElseThrow()
                .findChild("business_profile").orElseThrow().findChild("profile")).isEmpty();
    }

    @Test
    void anAccountChangesItsOwnBusinessProfileByDeltaAndAPersonalOneCannot() {
        var shop = phones.create("5511955550008", "Loja");
        var person = phones.create("5511955550009", "Bia");
        shop.profile(PhoneProfile.initial(Instant.EPOCH).withBusiness(
                new PhoneProfile.Business(null, "Tintas", "Rua A, 1", "loja@example.com", List.of("https://example.com"), "Home Improvement")));
        var delta = Node.of("business_profile", Map.of("v", "3", "mutation_type", "delta"),
                Node.of("address", Map.of(), "Rua Augusta, 100"),
                Node.of("email", Map.of(), Jid.of("vendas@example.com")),
                Node.of("business_hours", Map.of("timezone", "America/Sao_Paulo"),
                        Node.of("business_hours_config", Map.of("day_of_week", "mon", "mode", "specific_hours", "open_time", "540", "close_time", "1080")),
                        Node.of("business_hours_config", Map.of("day_of_week", "sun", "mode", "open_24h"))));

        var answer = BusinessProfiles.answer(phones, java.util.Optional.of(shop.jid()), businessChange(delta)).orElseThrow();
        assertThat(answer.attributes().getString("type")).isEqualTo("result");
        var business = shop.profile().business();
        assertThat(business.address()).isEqualTo("Rua Augusta, 100");
        assertThat(business.description()).as("not named in the delta: kept").isEqualTo("Tintas");
        assertThat(business.email()).as("Baileys writes text with an @ as a JID pair").isEqualTo("vendas@example.com");
        assertThat(business.hours().days()).containsExactly(new PhoneProfile.Hours.Day("mon", "specific_hours", 540, 1080),
                new PhoneProfile.Hours.Day("sun", "open_24h", null, null));
        var hours = BusinessProfiles.answer(phones, java.util.Optional.empty(), businessQuery("5511955550008")).orElseThrow()
                .findChild("business_profile").orElseThrow().findChild("profile").orElseThrow().findChild("business_hours").orElseThrow();
        assertThat(hours.attributes().getString("timezone")).isEqualTo("America/Sao_Paulo");
        assertThat(hours.listChildren("business_hours_config").getFirst().attributes().getString("open_time")).isEqualTo("540");

        var refused = BusinessProfiles.answer(phones, java.util.Optional.of(person.jid()), businessChange(delta)).orElseThrow();
        assertThat(refused.findChild("error").orElseThrow().attributes().getString("code")).isEqualTo("403");
        assertThat(person.profile().business()).isNull();
        var badDay = Node.of("business_profile", Map.of("v", "3", "mutation_type", "delta"), Node.of("business_hours",
                Map.of("timezone", "UTC"), Node.of("business_hours_config", Map.of("day_of_week", "someday", "mode", "open_24h"))));
        assertThat(BusinessProfiles.answer(phones, java.util.Optional.of(shop.jid()), businessChange(badDay)).orElseThrow()
                .findChild("error").orElseThrow().attributes().getString("code")).isEqualTo("400");
    }

    @Test
    void aUsyncQueryAnswersTheAboutAndTheAccountsLid() {
        var phone = phones.create("5511955550005", "Caio");
        phone.profile(PhoneProfile.initial(Instant.ofEpochSecond(1_700_000_000)).withAbout("Em reunião", Instant.ofEpochSecond(1_700_000_100)));
        var usync = Node.of("iq", Map.of("id", "u1", "type", "get", "xmlns", "usync"), Node.of("usync",
                Node.of("query", Node.of("contact"), Node.of("status"), Node.of("lid")),
                Node.of("list", Node.of("user", Node.of("contact", "+5511955550005".getBytes())),
                        Node.of("user", Node.of("contact", "+5511955550099".getBytes())))));

        var users = new Directory(phones).answer(null, usync).orElseThrow().findChild("usync").orElseThrow()
                .findChild("list").orElseThrow().listChildren("user");

        var known = users.getFirst();
        assertThat(known.findChild("status").flatMap(Node::contentAsString)).contains("Em reunião");
        assertThat(known.findChild("status").orElseThrow().attributes().getString("t")).isEqualTo("1700000100");
        assertThat(known.findChild("lid").orElseThrow().attributes().getString("val")).isEqualTo(phone.lid().toString());
        var unknown = users.get(1);
        assertThat(unknown.findChild("contact").orElseThrow().attributes().getString("type")).isEqualTo("out");
        assertThat(unknown.findChild("lid")).isEmpty();
    }

    @Test
    void aPictureHiddenByPrivacyIsRefusedToThoseItIsHiddenFrom() {
        var owner = phones.create("5511955550006", "Dora");
        var friend = phones.create("5511955550007", "Eva");
        phones.create("5511955550008", "Fabi");
        owner.profile(PhoneProfile.initial(Instant.EPOCH).withPicture("1800", "https://mmg.whatsapp.net/v/d.jpg?oh=1", "/v/d.jpg?oh=1"));
        owner.saveContact(friend.jid(), "Eva", null, Instant.EPOCH);
        owner.privacy().set("profile", "contacts");

        assertThat(type(askedBy("5511955550007"))).as("a saved contact").isEqualTo("result");
        assertThat(type(askedBy("5511955550008"))).as("someone else").isEqualTo("error");
        assertThat(askedBy("5511955550008").findChild("error").orElseThrow().attributes().getString("code")).isEqualTo("401");
        assertThat(type(askedBy("5511955550006"))).as("the owner itself").isEqualTo("result");
        owner.privacy().set("profile", "none");
        assertThat(type(askedBy("5511955550007"))).isEqualTo("error");
    }

    private Node askedBy(String number) {
        return ProfilePictures.answer(phones, java.util.Optional.of(Jid.of(number + ":2@s.whatsapp.net")), pictureQuery("5511955550006"))
                .orElseThrow();
    }

    private static String type(Node answer) {
        return answer.attributes().getString("type");
    }

    private static Node pictureQuery(String number) {
        return Node.of("iq", Map.of("id", "p1", "type", "get", "xmlns", "w:profile:picture", "target", Jid.of(number + "@s.whatsapp.net")),
                Node.of("picture", Map.of("type", "image", "query", "url")));
    }

    private static Node businessChange(Node delta) {
        return Node.of("iq", Map.of("id", "b2", "type", "set", "xmlns", "w:biz"), delta);
    }

    private static Node businessQuery(String number) {
        return Node.of("iq", Map.of("id", "b1", "type", "get", "xmlns", "w:biz"),
                Node.of("business_profile", Map.of("v", 116), Node.of("profile", Map.of("jid", Jid.of(number + "@s.whatsapp.net")))));
    }
}
