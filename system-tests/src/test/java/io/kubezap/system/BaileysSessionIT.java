package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/session-qr.yaml} with {@code spec.engine: Baileys}: the operator runs it from the Baileys image (its
 * default {@code kubezap.session.baileys-image}; the node stand-in runs the packaged pod with this checkout's bridge in
 * the image's place), the pod starts the Node.js bridge, the QR in the status links it, and a text goes each way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaileysSessionIT {

    static final String SESSION = "loja-baileys";
    static final String OWNER = "5511944440001";
    static final String CUSTOMER = "5511944440002";

    private final TheSystem system = TheSystem.get();

    /** The pod starts this checkout's bridge (SessionPodImages), which needs its npm packages; CI installs them. */
    @BeforeAll
    static void theBridgesPackagesAreThere() {
        NpmPackages.assumeInstalled("session-pod-engine-baileys/src/main/baileys-bridge", "the Baileys bridge's");
    }

    @Test
    @Order(1)
    void aBaileysSessionRunsTheBaileysImageAndTheQrInItsStatusLinksIt() throws Exception {
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja Baileys"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente"));

        system.apply("examples/session-qr.yaml", yaml -> yaml.replace("name: loja-01", "name: " + SESSION)
                .replace("spec:\n", "spec:\n  engine: Baileys\n"));

        String qr = system.awaitQr(SESSION, "a QR", code -> true);
        assertThat(system.client().apps().statefulSets().inNamespace(TheSystem.NAMESPACE).withName(SESSION).get()
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("ghcr.io/kubezap/session-pod-baileys:0.1.0");
        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", qr));

        WhatsAppSession ready = system.awaitSession(SESSION, "Ready=True", QrSessionLifecycleIT::ready);
        assertThat(ready.getStatus().getPhase()).isEqualTo(SessionPhase.Connected);
        assertThat(ready.getStatus().getAccount().phoneNumber()).contains(OWNER);
    }

    @Test
    @Order(2)
    void aTextGoesEachWay() {
        system.sessionApi(SESSION, "POST", "/messages", Map.of("to", CUSTOMER, "text", "Olá do Baileys!"));
        TheSystem.await("the customer's phone to receive the text", () -> system.inboxHas(CUSTOMER, "Olá do Baileys!"));

        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Chegou, obrigado"));
        TheSystem.await("the customer's text in the session's messages", () -> {
            for (JsonNode message : system.sessionApi(SESSION, "GET", "/messages?direction=in", null).path("items")) {
                if ("Chegou, obrigado".equals(message.path("text").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    @Order(3)
    void deletedItsPodGoes() {
        system.client().resources(WhatsAppSession.class).inNamespace(TheSystem.NAMESPACE).withName(SESSION).delete();

        TheSystem.await("the session to be gone", () -> system.session(SESSION) == null);
        TheSystem.await("the pod to be gone", () -> system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").isEmpty());
    }
}
