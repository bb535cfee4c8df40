package io.kubezap.session.api;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** People WhatsApp addresses by a linked identity (…@lid): both forms on every row, either form in the API. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LidAddressesApiTest {

    private static final String LID = "208876543210987@lid";
    private static final String PHONE_JID = "5511977776666@s.whatsapp.net";

    @Inject
    SimulatedWhatsApp whatsapp;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void aMessageFromALidWhoseNumberWasToldIsStoredUnderTheNumberWithBothFormsAndEitherFormFindsIt() {
        whatsapp.emit(new EngineEvent.AddressLearned(LID, PHONE_JID, "message"));
        whatsapp.emit(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("LID1", LID, LID, "Lia",
                new MessageContent.Text("oi, sou a Lia"), null, List.of(), Instant.now())));

        await().until(() -> authorized().get(SESSION + "/messages?chat=" + LID).then().extract().path("items.size()"), equalTo(1));
        authorized().get(SESSION + "/messages?chat=" + PHONE_JID).then().statusCode(200)
                .body("items[0].jid", equalTo(PHONE_JID))
                .body("items[0].lid", equalTo(LID))
                .body("items[0].phoneNumber", equalTo("5511977776666"));
        authorized().get(SESSION + "/chats/" + LID).then().statusCode(200)
                .body("jid", equalTo(PHONE_JID)).body("lid", equalTo(LID)).body("phoneNumber", equalTo("5511977776666"));
        authorized().get(SESSION + "/contacts").then().statusCode(200)
                .body("items.find { it.jid == '" + PHONE_JID + "' }.lid", equalTo(LID));
        authorized().get(SESSION + "/events?type=message.received").then().statusCode(200)
                .body("items.find { it.payload.waMessageId == 'LID1' }.payload.lid", equalTo(LID))
                .body("items.find { it.payload.waMessageId == 'LID1' }.payload.phoneNumber", equalTo("5511977776666"));

        authorized().contentType("application/json").body("{\"to\":\"" + LID + "\",\"text\":\"oi Lia\"}")
                .post(SESSION + "/messages").then().statusCode(202)
                .body("chat", equalTo(PHONE_JID)).body("lid", equalTo(LID)).body("phoneNumber", equalTo("5511977776666"));
        await().until(() -> whatsapp.delivered().stream().anyMatch(sent -> sent.message().chatJid().equals(PHONE_JID)));
    }

    @Test
    void aLidLearnedAfterItsMessagesMovesThemToTheNumberWhereEitherFormFindsThem() {
        String lid = "301234567890123@lid";
        whatsapp.emit(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("LID2", lid, lid, "Rui",
                new MessageContent.Text("sem número"), null, List.of(), Instant.now())));
        await().until(() -> authorized().get(SESSION + "/messages?chat=" + lid).then().extract().path("items.size()"), equalTo(1));
        authorized().get(SESSION + "/messages?chat=" + lid).then().body("items[0].jid", equalTo(lid))
                .body("items[0].lid", equalTo(lid)).body("items[0].phoneNumber", equalTo(null));

        whatsapp.emit(new EngineEvent.AddressLearned(lid, "5511966665555@s.whatsapp.net", "usync"));

        authorized().get(SESSION + "/messages?chat=" + lid).then().body("items[0].jid", equalTo("5511966665555@s.whatsapp.net"))
                .body("items[0].phoneNumber", equalTo("5511966665555"));
    }
}
