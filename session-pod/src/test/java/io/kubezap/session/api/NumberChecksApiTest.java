package io.kubezap.session.api;

import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Number checks are cached and paced: the test profile lets 5 numbers a minute be asked of WhatsApp. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class NumberChecksApiTest {

    @Inject
    SimulatedWhatsApp whatsapp;

    @Test
    void checksBeyondThePaceAreRefusedBeforeWhatsAppIsAskedWhileCachedAnswersStillCome() {
        whatsapp.resetToConnected();
        String fiveNumbers = "{\"numbers\":[\"5511911110001\",\"5511911110002\",\"5511911110003\",\"5511911110004\",\"5511911110000\"]}";
        authorized().contentType("application/json").body(fiveNumbers).post(SESSION + "/contacts/check").then().statusCode(200)
                .body("items.size()", equalTo(5))
                .body("items.find { it.number == '5511911110000' }.exists", equalTo(false))
                .body("items.find { it.number == '5511911110001' }.jid", equalTo("5511911110001@s.whatsapp.net"));
        int asked = whatsapp.numbersChecked().size();

        authorized().contentType("application/json").body("{\"numbers\":[\"5511911110009\"]}").post(SESSION + "/contacts/check")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("type", endsWith("number-checks-paced"));
        authorized().contentType("application/json").body(fiveNumbers).post(SESSION + "/contacts/check").then().statusCode(200)
                .body("items.cached", equalTo(java.util.List.of(true, true, true, true, true)));

        assertThat(whatsapp.numbersChecked()).hasSize(asked);
    }
}
