package io.kubezap.system;

import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/session-pairing-code.yaml}, applied with only its webhook URL changed to a local receiver: the
 * code in the status typed on the phone links the session, the customer's message reaches the receiver signed with
 * the manifest's Secret, and deleting it (logoutOnDelete) unlinks the device.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairingCodeSessionIT {

    static final String SESSION = "suporte";
    /** The number in the manifest. */
    static final String OWNER = "5511999999999";
    static final String CUSTOMER = "5511966660003";
    /** The manifest's Secret wa-hooks, key hmac. */
    static final String MANIFEST_SECRET = "change-me-to-a-long-random-string";

    private final TheSystem system = TheSystem.get();

    @Test
    @Order(1)
    void theCodeInTheStatusTypedOnThePhoneConnectsTheSession() throws Exception {
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Suporte"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente do suporte"));

        system.apply("examples/session-pairing-code.yaml",
                yaml -> yaml.replace("https://hooks.example.com/wa", system.webhooks().url("/wa")));

        system.awaitSession(SESSION, "a pairing code waiting", s -> s.getStatus().getPairing() != null);
        String code = system.pairingSecret(SESSION, io.kubezap.contract.SessionObjectNames.PAIRING_CODE_KEY);
        system.control("POST", "/api/phones/" + OWNER + "/pairing-code", Map.of("code", code));

        WhatsAppSession connected = system.awaitSession(SESSION, "phase Connected",
                s -> s.getStatus().getPhase() == SessionPhase.Connected && QrSessionLifecycleIT.ready(s));
        assertThat(connected.getStatus().getPairing()).isNull();
        assertThat(connected.getStatus().getAccount().phoneNumber()).contains(OWNER);
    }

    @Test
    @Order(2)
    void theCustomersMessageReachesTheWebhookSignedWithTheManifestsSecret() throws Exception {
        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Preciso de ajuda"));

        var delivery = system.awaitDelivery("/wa", "Preciso de ajuda");
        new com.standardwebhooks.Webhook(MANIFEST_SECRET.getBytes(StandardCharsets.UTF_8))
                .verify(delivery.body(), delivery.headerLists());
        assertThat(TheSystem.JSON.readTree(delivery.body()).path("event").asText()).isEqualTo("message.received");
    }

    @Test
    @Order(3)
    void deletedThePhoneSeesTheDeviceUnlinkedAndTheFinalizerGoes() {
        system.deleteAndSeeTheDeviceUnlinked(SESSION, OWNER);

        TheSystem.await("the pod to be gone", () -> system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").isEmpty());
    }
}
