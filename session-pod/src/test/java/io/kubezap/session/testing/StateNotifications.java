package io.kubezap.session.testing;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a LISTENing connection was told: the payloads of the state channel's notifications. */
public final class StateNotifications {

    private StateNotifications() {
    }

    /** Waits for the first notification (up to {@code limit}), then returns all that arrived with it. */
    /**
     * Every notification that arrives until one is {@code expected} or {@code limit} passed: another session's notice
     * (a state change an earlier test made, sent late) may come first.
     */
    public static List<String> until(Connection listener, Duration limit, String expected) throws SQLException {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!payloads.contains(expected) && System.nanoTime() < deadline) {
            payloads.addAll(within(listener, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()))));
        }
        return payloads;
    }

    public static List<String> within(Connection listener, Duration limit) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] arrived = listener.unwrap(PGConnection.class).getNotifications((int) limit.toMillis());
        if (arrived != null) {
            for (PGNotification notification : arrived) {
                payloads.add(notification.getParameter());
            }
        }
        return payloads;
    }
}
