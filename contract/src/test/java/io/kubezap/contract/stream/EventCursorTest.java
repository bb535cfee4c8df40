package io.kubezap.contract.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events at or below a reader's cursor it has not read yet: those whose writer was open then and is done now. */
class EventCursorTest {

    private final EventCursor cursor = new EventCursor(42, OpenTransactions.parse("795:799:795,797"));
    private final OpenTransactions now = OpenTransactions.parse("797:810:797,805");

    @Test
    void anEventBelowTheCursorIsNewOnlyWhenItsWriterWasOpenThenAndHasCommittedSince() {
        assertThat(cursor.committedSince(41, 795, now)).as("listed then, committed since").isTrue();
        assertThat(cursor.committedSince(41, 801, now)).as("started after the last read, committed since").isTrue();
        assertThat(cursor.committedSince(41, 796, now)).as("committed before the last read: read then").isFalse();
        assertThat(cursor.committedSince(41, 797, now)).as("still open: not seen yet").isFalse();
        assertThat(cursor.committedSince(43, 795, now)).as("above the cursor: an ordinary read's").isFalse();
    }

    /** An old row's 32-bit writer may look like any transaction; only those between the two reads can pass. */
    @Test
    void aWriterThatLooksLikeOneNotStartedYetIsNotTakenForALateCommit() {
        assertThat(cursor.committedSince(41, 5000, now)).isFalse();
    }
}
