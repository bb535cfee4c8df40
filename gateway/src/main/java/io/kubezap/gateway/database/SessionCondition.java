package io.kubezap.gateway.database;

import io.kubezap.gateway.auth.SessionSet;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SessionSet} as a SQL condition on a table's (namespace, session) columns, shaped so that the tables'
 * (namespace, session, …) indexes serve it: nothing for every session, {@code namespace = any(…)}, or the named
 * (namespace, session) pairs.
 */
public final class SessionCondition {

    private static final String NAMESPACES = "namespace = any(?)";
    private static final String SESSIONS = "(namespace, session) in (select * from unnest(?::text[], ?::text[]))";

    private final SessionSet sessions;

    private SessionCondition(SessionSet sessions) {
        this.sessions = sessions;
    }

    public static SessionCondition of(SessionSet sessions) {
        return new SessionCondition(sessions);
    }

    /** Always in parentheses, so it can follow {@code where} or {@code and} without a space (text blocks trim it). */
    public String sql() {
        if (sessions.isEverySession()) {
            return "(true)";
        }
        List<String> parts = new ArrayList<>();
        if (!sessions.namespaces().isEmpty()) {
            parts.add(NAMESPACES);
        }
        if (!sessions.sessions().isEmpty()) {
            parts.add(SESSIONS);
        }
        return "(" + String.join(" or ", parts) + ")";
    }

    /** Binds the parameters of {@link #sql()} from {@code index}; returns the next free index. */
    public int bind(PreparedStatement statement, int index) throws SQLException {
        var connection = statement.getConnection();
        int next = index;
        if (!sessions.namespaces().isEmpty()) {
            statement.setArray(next++, connection.createArrayOf("text", sessions.namespaces().toArray()));
        }
        if (!sessions.sessions().isEmpty()) {
            List<String> namespaces = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String session : sessions.sessions()) {
                int slash = session.indexOf('/');
                namespaces.add(session.substring(0, slash));
                names.add(session.substring(slash + 1));
            }
            statement.setArray(next++, connection.createArrayOf("text", namespaces.toArray()));
            statement.setArray(next++, connection.createArrayOf("text", names.toArray()));
        }
        return next;
    }
}
