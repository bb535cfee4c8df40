package io.kubezap.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The secret names of the notification channels (migration V84): PostgreSQL lets any role LISTEN on any channel it can
 * name, so the sessions' channels have names only the admin and the gateway read. Named here by their purpose
 * ({@link SessionSchema#EVENTS_CHANNEL}, {@link SessionSchema#STATE_CHANNEL}).
 */
public final class NotificationChannels {

    private NotificationChannels() {
    }

    /** The channel's name, read on {@code connection} (the admin's or the gateway's: a session role may not). */
    public static String name(Connection connection, String purpose) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select kubezap_notification_channel(?)")) {
            query.setString(1, purpose);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getString(1) == null) {
                    throw new SQLException("the database has no notification channel " + purpose + " (migration V84 not applied?)");
                }
                return row.getString(1);
            }
        }
    }

    /** {@code connection} listens on the channel of {@code purpose}; its name. */
    public static String listen(Connection connection, String purpose) throws SQLException {
        String name = name(connection, purpose);
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen \"" + name + "\"");
        }
        return name;
    }
}
