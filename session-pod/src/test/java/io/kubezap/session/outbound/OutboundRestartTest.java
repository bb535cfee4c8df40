package io.kubezap.session.outbound;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a pod restart finds in the queue: sends accepted but not yet tried go out once; a send that was in
 * flight when the pod stopped goes out again under the WhatsApp id it was given (recipients show an id once), or, a row
 * from before ids were kept, is failed, never repeated. The worker is stopped and started as at a restart.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OutboundRestartTest {

    @Inject
    SimulatedWhatsApp whatsapp;
    @Inject
    OutboundWorker worker;
    @Inject
    SessionDb db;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void queuedSendsResumeOnceAndInterruptedOnesAreNeverRepeated() throws InterruptedException {
        worker.stop(); // the pod goes down
        whatsapp.dropConnection();
        String waiting = send("esperando");
        String inFlight = send("em voo");
        markInFlight(inFlight); // the old pod had handed it to WhatsApp when it died

        whatsapp.reconnect();
        worker.start(); // the new pod comes up

        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + waiting).then()
                .body("status", equalTo("sent")));
        authorized().get(SESSION + "/messages/" + inFlight).then()
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("never sent twice"));
        assertThat(whatsapp.delivered()).extracting(d -> d.text().text()).containsExactly("esperando");

        worker.stop();
        worker.start(); // and once more: nothing left to resend
        send("depois");
        await().until(() -> whatsapp.delivered().size() == 2);
        assertThat(whatsapp.delivered()).extracting(d -> d.text().text()).containsExactly("esperando", "depois");
    }

    @Test
    void aSendInterruptedByACrashGoesOutAgainUnderTheSameWhatsAppId() throws InterruptedException {
        worker.stop();
        whatsapp.dropConnection();
        String inFlight = send("interrompida");
        db.useTransaction(handle -> db.update(handle, """
                        update outbound_queue set state = 'sending', attempts = 1, wa_message_id = '3EB0AABBCCDDEEFF001122'
                        where namespace = :ns and session = :session and message_id = :id""")
                .bind("id", inFlight).execute());

        whatsapp.reconnect();
        worker.start();

        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + inFlight).then()
                .body("status", equalTo("sent"))
                .body("waMessageId", equalTo("3EB0AABBCCDDEEFF001122")));
        assertThat(whatsapp.delivered()).extracting(d -> d.text().text()).containsExactly("interrompida");
    }

    private static String send(String text) {
        return authorized().body("{\"to\":\"5511988887777\",\"text\":\"" + text + "\"}").post(SESSION + "/messages")
                .then().statusCode(202).extract().path("id");
    }

    private void markInFlight(String messageId) {
        db.useTransaction(handle -> db.update(handle, """
                        update outbound_queue set state = 'sending', attempts = 1
                        where namespace = :ns and session = :session and message_id = :id""")
                .bind("id", messageId).execute());
    }
}
