package io.kubezap.contract.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rows' writers had not committed at a moment: listed ones, and every later one. */
class OpenTransactionsTest {

    @Test
    void listedAndLaterTransactionsWereOpenEarlierOnesHadCommitted() {
        OpenTransactions open = OpenTransactions.parse("795:799:795,797");

        assertThat(open.wasOpen(795)).isTrue();
        assertThat(open.wasOpen(797)).isTrue();
        assertThat(open.wasOpen(799)).as("started later").isTrue();
        assertThat(open.wasOpen(5000)).isTrue();
        assertThat(open.wasOpen(796)).as("committed").isFalse();
        assertThat(open.wasOpen(10)).isFalse();
        assertThat(OpenTransactions.parse("800:800:").wasOpen(799)).isFalse();
    }

    /** A row's xmin is 32 bits; the snapshot's ids are 64 (epoch and xid): compared as PostgreSQL does, modulo 2^32. */
    @Test
    void rowIdsAreComparedAcrossTheirWraparound() {
        long epoch = 3L << 32;
        OpenTransactions open = OpenTransactions.parse((epoch - 5) + ":" + (epoch + 2) + ":" + (epoch - 5));

        assertThat(open.wasOpen(0xFFFF_FFFBL)).as("listed, before the wrap").isTrue();
        assertThat(open.wasOpen(0xFFFF_FFFDL)).as("committed, before the wrap").isFalse();
        assertThat(open.wasOpen(1)).as("committed, after the wrap").isFalse();
        assertThat(open.wasOpen(2)).as("later, after the wrap").isTrue();
    }
}
