package io.kubezap.gateway;

import io.kubezap.schema.GatewayLogin;
import io.kubezap.schema.SessionSchema;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Map;

/**
 * A real PostgreSQL (embedded, one per test JVM) with the session pods' schema, migrated from session-pod's own
 * migration files as the release's migration Job does, which also lets the gateway's role log in with its own password
 * ({@link GatewayLogin}); the gateway logs in as that role, as the chart has it, with the admin's URL (the credentials
 * a URL may carry are dropped). Tests write rows the way session pods do, as the admin.
 */
public class GatewayDatabase implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres server;
    public static final String GATEWAY_PASSWORD = "gateway-password";

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.datasource.jdbc.url", url() + "?user=postgres&password=postgres",
                "quarkus.datasource.username", SessionSchema.GATEWAY_ROLE,
                "quarkus.datasource.password", GATEWAY_PASSWORD);
    }

    @Override
    public void stop() {
        // one server for the JVM: later test classes reuse it
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Flyway.configure().dataSource(url(server), "postgres", "postgres")
                    .locations("classpath:" + SessionSchema.MIGRATIONS)
                    .load().migrate();
            try (Connection admin = admin()) {
                GatewayLogin.allow(admin, GATEWAY_PASSWORD);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return url(server);
    }

    private static String url(EmbeddedPostgres server) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "postgres");
    }

    /** Records an event as a session pod does (its own transaction), and returns its id. */
    public static long event(String namespace, String session, String type, String payloadJson) {
        try (Connection connection = admin()) {
            return event(connection, namespace, session, type, payloadJson);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same on a connection the caller keeps (in auto-commit: one transaction per event). */
    public static long event(Connection connection, String namespace, String session, String type, String payloadJson) {
        try (PreparedStatement insert = connection.prepareStatement("""
                     insert into events (namespace, session, type, payload, occurred_at)
                     values (?, ?, ?, cast(? as jsonb), ?) returning id""")) {
            insert.setString(1, namespace);
            insert.setString(2, session);
            insert.setString(3, type);
            insert.setString(4, payloadJson);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            var row = insert.executeQuery();
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a message as a session pod does; {@code age} back from now. */
    public static void message(String namespace, String session, String id, String direction, String status,
                               String text, java.time.Duration age) {
        update("""
                insert into messages (namespace, session, id, chat_jid, direction, type, text, status, created_at, updated_at)
                values (?, ?, ?, '5511988887777@s.whatsapp.net', ?, 'text', ?, ?, ?, ?)""",
                namespace, session, id, direction, text, status,
                Timestamp.from(Instant.now().minus(age)), Timestamp.from(Instant.now().minus(age)));
    }

    /** A webhook delivery of a new event, in {@code status}. */
    public static void webhookDelivery(String namespace, String session, String status) {
        long event = event(namespace, session, "message.received", "{}");
        update("""
                insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload,
                                                status, next_attempt_at, created_at)
                values (?, ?, ?, ?, 'message.received', 'https://hooks.example.com', '{}', ?, now(), now())""",
                "msg_" + java.util.UUID.randomUUID(), namespace, session, event, status);
    }

    public static void update(String sql, Object... parameters) {
        try (Connection connection = admin(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
