package io.kubezap.gateway.events;

import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.auth.SessionSet;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 51, item 5: a tenant's events reach every gateway replica, which reads them for its feed (a catch-up, a
 * resumed stream's replay, each batch of notifications). No read may load an unbounded number of bytes: many large
 * events come in pages bounded by bytes, and one stored too large (before the table's cap) is never loaded whole.
 * Against the real PostgreSQL.
 */
class LargeEventsTest {

    private static final int EVENT_BYTES = 900 * 1024;
    /** What a page may hold: its byte budget, the one event that may cross it, and each event's envelope. */
    private static final long PAGE_AT_MOST = EventHistory.PAGE_BYTES + EventHistory.PAYLOAD_BYTES + 1000 * 200;

    private final EventHistory history = new EventHistory(null);

    @Test
    void manyLargeEventsAreReadInPagesBoundedByBytesAndNoneIsLost() throws SQLException {
        List<Long> stored = largeEvents("pages", 30);
        try (Connection connection = GatewayDatabase.admin()) {
            List<Long> read = new ArrayList<>();
            long after = stored.getFirst() - 1;
            List<FeedEvent> page;
            while (!(page = history.after(connection, after, SessionSet.everySession(), Set.of(), 1000)).isEmpty()) {
                assertThat(bytes(page)).as("one page of the catch-up").isLessThanOrEqualTo(PAGE_AT_MOST); // before: 27 MB
                page.forEach(event -> read.add(event.id()));
                after = page.getLast().id();
            }
            assertThat(read).containsAll(stored).isSorted();

            List<FeedEvent> notified = history.byIds(connection, stored.stream().mapToLong(Long::longValue).toArray());
            assertThat(bytes(notified)).as("one read of notified events").isLessThanOrEqualTo(PAGE_AT_MOST);
            assertThat(notified).extracting(FeedEvent::id).containsExactlyElementsOf(stored.subList(0, notified.size()));
        }
    }

    @Test
    void anEventStoredBeforeTheCapIsNeverLoadedWhole() throws SQLException {
        long huge;
        try (Connection admin = GatewayDatabase.admin(); Statement statement = admin.createStatement()) {
            admin.setAutoCommit(false); // a row from before migration V78: its check applies to new rows only
            statement.execute("alter table events drop constraint events_payload_at_most_1_mib");
            huge = GatewayDatabase.event(admin, "huge", "loja", "message.received",
                    "{\"text\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}");
            statement.execute("alter table events add constraint events_payload_at_most_1_mib"
                    + " check (octet_length(payload::text) <= 1048576) not valid");
            admin.commit();
        }
        try (Connection connection = GatewayDatabase.admin()) {
            FeedEvent read = history.after(connection, huge - 1, SessionSet.everySession(), Set.of(), 10).getFirst();
            assertThat(read.id()).isEqualTo(huge);
            assertThat(read.json()).hasSizeLessThan(1024) // before: 20 MB
                    .contains("\"omitted\"").contains("\"bytes\"");
            assertThat(history.byIds(connection, new long[]{huge}).getFirst().json()).hasSizeLessThan(1024);
        }
    }

    private static List<Long> largeEvents(String namespace, int count) {
        String payload = "{\"text\":\"" + "y".repeat(EVENT_BYTES) + "\"}";
        return LongStream.range(0, count)
                .mapToObj(n -> GatewayDatabase.event(namespace, "loja", "message.received", payload)).toList();
    }

    private static long bytes(List<FeedEvent> events) {
        return events.stream().mapToLong(event -> event.json().length()).sum();
    }
}
