package io.kubezap.gateway.database;

import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.schema.SessionSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's SQL, whatever it runs, stays the read-only role: it logs in as that role (not as the admin and then
 * {@code set role}), so {@code reset role} leaves it where it is — even though the URL it was given carries the
 * admin's credentials, as CloudNativePG's {@code jdbc-uri} does (GatewayDatabase passes one).
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class GatewayLoginTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    Database database;

    @Test
    void resetRoleDoesNotMakeTheGatewayTheAdmin() throws SQLException {
        GatewayDatabase.update("insert into contacts (namespace, session, jid, updated_at) values ('shop', 'one', '5511@s.whatsapp.net', now()) on conflict do nothing");
        try (Connection gateway = database.connect(); Statement sql = gateway.createStatement()) {
            sql.execute("reset role");

            assertThat(single(sql, "select session_user")).isEqualTo(SessionSchema.GATEWAY_ROLE);
            assertThat(single(sql, "select current_user")).isEqualTo(SessionSchema.GATEWAY_ROLE);
            assertThatThrownBy(() -> single(sql, "select count(*) from contacts"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            assertThatThrownBy(() -> single(sql, "select count(*) from session_roles"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            assertThatThrownBy(() -> sql.execute("insert into events (namespace, session, type, payload, occurred_at) "
                    + "values ('shop', 'one', 'message.received', '{}', now())"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            assertThatThrownBy(() -> sql.execute("set role postgres"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            // what it is there for still works
            assertThat(single(sql, "select count(*) >= 0 from events")).isEqualTo("t");
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
