package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/session-qr.yaml} through a session's life, as its user lives it: applied, scanned, messaging,
 * then edited, suspended, crashed and deleted. Each step ends in what the user sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QrSessionLifecycleIT {

    static final String SESSION = "loja-01";
    static final String OWNER = "5511988880001";
    static final String CUSTOMER = "5511977770002";

    private final TheSystem system = TheSystem.get();

    @Test
    @Order(1)
    void theQrOfTheAppliedExampleRotatesAndAPhoneScanningItLinksTheSession() throws Exception {
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja Centro"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente"));

        system.apply("examples/session-qr.yaml", yaml -> yaml);

        String first = system.awaitSession(SESSION, "a QR", s -> s.getStatus().getQr() != null)
                .getStatus().getQr().getCode();
        assertThat(first).startsWith("2@");
        String rotated = system.awaitSession(SESSION, "a new QR after the first",
                s -> s.getStatus().getQr() != null && !first.equals(s.getStatus().getQr().getCode()))
                .getStatus().getQr().getCode();

        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", rotated));

        WhatsAppSession ready = system.awaitSession(SESSION, "Ready=True", QrSessionLifecycleIT::ready);
        assertThat(ready.getStatus().getPhase()).isEqualTo(SessionPhase.Connected);
        assertThat(ready.getStatus().getQr()).isNull();
        assertThat(ready.getStatus().getAccount().getPhoneNumber()).contains(OWNER);
        assertThat(ready.getStatus().getAccount().getPushName()).isEqualTo("Loja Centro");
        assertThat(system.eventReasons(SESSION)).contains("PodCreated");
    }

    @Test
    @Order(2)
    void aTextSentThroughTheSessionsServiceReachesThePhone() {
        JsonNode sent = system.sessionApi(SESSION, "POST", "/messages", Map.of("to", CUSTOMER, "text", "Bom dia! Seu pedido saiu."));
        assertThat(sent.path("id").asText()).isNotBlank();

        TheSystem.await("the customer's phone to receive the text", () ->
                inboxHas(CUSTOMER, "Bom dia! Seu pedido saiu."));
    }

    boolean inboxHas(String phone, String text) {
        for (JsonNode message : system.control("GET", "/api/phones/" + phone + "/messages", null)) {
            if (text.equals(message.path("text").asText())) {
                return true;
            }
        }
        return false;
    }

    static boolean ready(WhatsAppSession session) {
        return session.getStatus().condition(WhatsAppSessionStatus.CONDITION_READY)
                .map(condition -> "True".equals(condition.getStatus())).orElse(false);
    }
}
