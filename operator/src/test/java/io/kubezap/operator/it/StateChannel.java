package io.kubezap.operator.it;

import io.kubezap.operator.database.AdminCredentials;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.awaitility.Awaitility.await;

/**
 * The session pods' state channel ({@value SessionSchema#STATE_CHANNEL}) on the tests' PostgreSQL: the operator's
 * listening connection, and a notification onto its (secret) channel, as a pod's would arrive.
 */
final class StateChannel {

    static final String LISTENER = "kubezap-operator-state-listener";

    private StateChannel() {
    }

    static void awaitListening() {
        await().atMost(PATIENCE).until(() -> {
            try (Connection admin = adminConnection(); Statement statement = admin.createStatement();
                 var listeners = statement.executeQuery("select count(*) from pg_stat_activity"
                         + " where application_name = '" + LISTENER + "'")) {
                return listeners.next() && listeners.getLong(1) > 0;
            }
        });
    }

    static void notify(String payload) throws SQLException {
        try (Connection admin = adminConnection();
             PreparedStatement statement = admin.prepareStatement("select pg_notify(?, ?)")) {
            statement.setString(1, NotificationChannels.name(admin, SessionSchema.STATE_CHANNEL));
            statement.setString(2, payload);
            statement.execute();
        }
    }

    static Connection adminConnection() throws SQLException {
        AdminCredentials admin = MigratedDatabase.admin();
        return DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
    }
}
