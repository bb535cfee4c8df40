package io.kubezap.session.api;

import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The contacts list (search, pages) and a contact's profile: about, picture kept by id, business profile; 400/404. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ContactsApiTest {

    private static final String PREFIX = "55119444";

    @Inject
    SimulatedWhatsApp whatsapp;

    @Test
    void theListIsSearchedAndPaged() {
        whatsapp.resetToConnected();
        for (int i = 1; i <= 3; i++) {
            whatsapp.receive("WAID-CONTACT-" + i, PREFIX + "0000" + i + "@s.whatsapp.net", "oi " + i);
        }
        await().until(() -> authorized().get(SESSION + "/contacts?q=" + PREFIX).then().extract().<List<String>>path("items.jid").size() == 3);

        authorized().get(SESSION + "/contacts?q=" + PREFIX + "00002").then().statusCode(200)
                .body("items.jid", equalTo(List.of(PREFIX + "00002@s.whatsapp.net")))
                .body("items[0].phoneNumber", equalTo(PREFIX + "00002"));
        List<String> firstPage = authorized().get(SESSION + "/contacts?q=" + PREFIX + "&limit=2").then().statusCode(200)
                .body("nextOffset", equalTo(2)).extract().path("items.jid");
        List<String> secondPage = authorized().get(SESSION + "/contacts?q=" + PREFIX + "&limit=2&offset=2").then().statusCode(200)
                .body("nextOffset", nullValue()).extract().path("items.jid");
        assertThat(firstPage).hasSize(2).doesNotContainAnyElementsOf(secondPage);
        assertThat(secondPage).hasSize(1);
        authorized().get(SESSION + "/contacts?offset=-1").then().statusCode(400).body("errors[0].field", equalTo("offset"));
    }

    @Test
    void aContactShowsItsProfileAndItsPictureIsDownloadedOncePerPicture() {
        whatsapp.resetToConnected();
        String jid = PREFIX + "10001@s.whatsapp.net";
        byte[] first = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        byte[] second = {(byte) 0xFF, (byte) 0xD8, 4, 5, 6, 7};
        whatsapp.profileOf(jid, new ContactProfile("Na praia", Instant.parse("2026-01-02T03:04:05Z"), "111",
                "https://mmg.whatsapp.net/pp/111.jpg", new ContactProfile.Business("Loja de tintas", null, "a@b.c", List.of(), List.of("Shopping"), null)), first);

        authorized().get(SESSION + "/contacts/+" + PREFIX + "10001").then().statusCode(200)
                .body("jid", equalTo(jid)).body("phoneNumber", equalTo(PREFIX + "10001")).body("pushName", nullValue())
                .body("about", equalTo("Na praia")).body("aboutSetAt", equalTo("2026-01-02T03:04:05Z"))
                .body("picture.id", equalTo("111")).body("picture.path", equalTo("contacts/" + jid + "/picture"))
                .body("business.description", equalTo("Loja de tintas")).body("business.categories", equalTo(List.of("Shopping")));
        int fetches = whatsapp.pictureFetches();
        assertThat(authorized().get(SESSION + "/contacts/" + jid + "/picture").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray()).isEqualTo(first);
        assertThat(authorized().get(SESSION + "/contacts/" + jid + "/picture").then().statusCode(200).extract().asByteArray()).isEqualTo(first);
        assertThat(whatsapp.pictureFetches()).as("the same picture is downloaded once").isEqualTo(fetches + 1);

        whatsapp.profileOf(jid, new ContactProfile("Na praia", null, "222", "https://mmg.whatsapp.net/pp/222.jpg", null), second);
        assertThat(authorized().get(SESSION + "/contacts/" + jid + "/picture").then().statusCode(200).extract().asByteArray()).isEqualTo(second);
        assertThat(whatsapp.pictureFetches()).isEqualTo(fetches + 2);
    }

    @Test
    void unknownContactsAndMissingPicturesAre404AndBadJidsAre400() {
        whatsapp.resetToConnected();
        authorized().get(SESSION + "/contacts/" + PREFIX + "20001").then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("not-found"));
        whatsapp.profileOf(PREFIX + "20002@s.whatsapp.net", new ContactProfile("Ocupado", null, null, null, null), null);
        authorized().get(SESSION + "/contacts/" + PREFIX + "20002").then().statusCode(200).body("picture", nullValue());
        authorized().get(SESSION + "/contacts/" + PREFIX + "20002/picture").then().statusCode(404);
        authorized().get(SESSION + "/contacts/not-a-jid!").then().statusCode(400);
    }
}
