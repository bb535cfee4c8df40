package io.kubezap.session.tenancy;

import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session at its storage quota in PostgreSQL (the accounting trigger of V78, set by the operator), with the pod
 * logged in as its session role: a send is refused with a clear 507, and what WhatsApp delivers meanwhile is not lost
 * but kept, and stored once there is room again.
 */
@QuarkusTest
@TestProfile(SessionRoleProfile.class)
class DatabaseQuotaTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    SimulatedWhatsApp whatsapp;

    @AfterEach
    void roomAgain() throws SQLException {
        setQuotaToWhatIsUsed(false);
    }

    @Test
    void atItsQuotaASendIsRefusedClearlyAndWhatArrivesIsStoredOnceThereIsRoom() throws Exception {
        whatsapp.resetToConnected();
        setQuotaToWhatIsUsed(true);

        Response refused = authorized().body("{\"to\":\"5511988887777\",\"text\":\"Olá!\"}").post(SESSION + "/messages");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(507);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("type")).endsWith("storage-quota-exceeded");
        assertThat(refused.<String>path("detail")).contains("quota");

        String incoming = "chegou com a cota cheia " + UUID.randomUUID();
        whatsapp.receive("WA" + UUID.randomUUID().toString().replace("-", ""), MARIA, incoming);
        Thread.sleep(2_000);
        assertThat(authorized().get(SESSION + "/messages").asString()).as("not stored while at the quota")
                .doesNotContain(incoming);

        setQuotaToWhatIsUsed(false);
        await().atMost(PATIENCE).until(() -> authorized().get(SESSION + "/messages").asString().contains(incoming));
        String page = authorized().queryParam("chat", MARIA).get(SESSION + "/messages").asString();
        assertThat(page.split(incoming, -1)).as("stored once").hasSize(2);
    }

    /** What the operator does with {@code kubezap.session.database-quota}, here with no room left (or no quota). */
    private static void setQuotaToWhatIsUsed(boolean atQuota) throws SQLException {
        try (Connection admin = SessionRolePostgres.admin(); Statement sql = admin.createStatement()) {
            sql.execute("insert into session_storage (namespace, session, bytes, quota_bytes) values ('shop', 'loja-01', 0, "
                    + (atQuota ? "0" : "null") + ") on conflict (namespace, session) do update set quota_bytes = "
                    + (atQuota ? "session_storage.bytes" : "null"));
        }
    }
}
