package io.kubezap.session.api;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.group.GroupSync;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * The stored groups and the events of group notifications, without WhatsApp to ask (the group server is out of reach
 * here, so what is stored stays as it was, unless the notification says the account is out): a notification WhatsApp
 * delivers twice is one event.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class GroupsApiTest {

    private static final String ME = SimulatedWhatsApp.ACCOUNT.jid();
    private static final String ANA = "5511988881234@s.whatsapp.net";

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    GroupSync groups;

    @Test
    void storedGroupsArePagedBySubjectWithTheAccountsRole() {
        whatsapp.resetToConnected();
        groups.store(group("120363000000000101@g.us", "Zeta", ANA, "admin"));
        groups.store(group("120363000000000102@g.us", "alfa", ANA, "member"));

        var subjects = authorized().queryParam("limit", 100).get(SESSION + "/groups").then().statusCode(200)
                .body("items.find { it.subject == 'alfa' }.size", equalTo(2))
                .body("items.find { it.subject == 'alfa' }.myRole", equalTo("member"))
                .body("items.find { it.subject == 'alfa' }.owner", equalTo(ANA))
                .body("items.find { it.subject == 'Zeta' }.myRole", equalTo("admin"))
                .extract().jsonPath().<String>getList("items.subject");
        org.assertj.core.api.Assertions.assertThat(subjects.indexOf("alfa")).isLessThan(subjects.indexOf("Zeta"));
        var first = authorized().queryParam("limit", 1).get(SESSION + "/groups").then().statusCode(200)
                .body("items", hasSize(1)).body("nextOffset", equalTo(1)).extract().<String>path("items[0].jid");
        authorized().queryParam("limit", 1).queryParam("offset", 1).get(SESSION + "/groups").then().statusCode(200)
                .body("items[0].jid", org.hamcrest.Matchers.not(equalTo(first)));
        authorized().queryParam("offset", "x").get(SESSION + "/groups").then().statusCode(400);
    }

    @Test
    void aNotificationDeliveredTwiceIsOneEventNamingWhoChangedWhat() {
        whatsapp.resetToConnected();
        var jid = "120363000000000103@g.us";
        groups.store(group(jid, "Equipe", ANA, "member"));
        var renamed = new EngineEvent.GroupNotified("N-103", jid, ANA, Instant.parse("2026-11-22T23:00:00Z"),
                List.of(new GroupChange.Subject("Equipe de vendas")));

        whatsapp.emit(renamed);
        whatsapp.emit(renamed);

        authorized().queryParam("type", "group.update").get(SESSION + "/events").then().statusCode(200)
                .body("items.findAll { it.payload.group == '" + jid + "' }", hasSize(1))
                .body("items.find { it.payload.group == '" + jid + "' }.payload.by", equalTo(ANA))
                .body("items.find { it.payload.group == '" + jid + "' }.payload.changes.subject", equalTo("Equipe de vendas"));
        authorized().queryParam("type", "group.joined").get(SESSION + "/events").then()
                .body("items.find { it.payload.group == '" + jid + "' }", nullValue());
    }

    @Test
    void aNotificationThatTheAccountWasRemovedForgetsTheGroupWhenWhatsAppCannotBeAsked() {
        whatsapp.resetToConnected();
        var jid = "120363000000000104@g.us";
        groups.store(group(jid, "Equipe Norte", ANA, "member"));
        authorized().queryParam("limit", 100).get(SESSION + "/groups").then().statusCode(200)
                .body("items.find { it.jid == '" + jid + "' }.subject", equalTo("Equipe Norte"));

        whatsapp.emit(new EngineEvent.GroupNotified("N-104", jid, ANA, Instant.parse("2026-11-29T11:00:00Z"),
                List.of(new GroupChange.Participants("remove", List.of(ME), null))));

        authorized().queryParam("type", "group.left").get(SESSION + "/events").then().statusCode(200)
                .body("items.find { it.payload.group == '" + jid + "' }.payload.reason", equalTo("removed"));
        authorized().queryParam("limit", 100).get(SESSION + "/groups").then().statusCode(200)
                .body("items.find { it.jid == '" + jid + "' }", nullValue());
    }

    private static GroupInfo group(String jid, String subject, String owner, String myRole) {
        return new GroupInfo(jid, subject, null, owner, false, false,
                List.of(new GroupInfo.Participant(owner, "superadmin"), new GroupInfo.Participant(ME, myRole)));
    }
}
