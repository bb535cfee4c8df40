package io.kubezap.session.message;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalOrderTest {

    private final ArrivalOrder order = new ArrivalOrder();

    @Test
    void messagesStampedInTheSameWholeSecondKeepTheirArrivalOrderInsideThatSecond() {
        Instant second = Instant.parse("2026-11-22T10:00:00Z");

        Instant first = order.stamp(second);
        Instant next = order.stamp(second);
        Instant third = order.stamp(second);

        assertThat(first).isEqualTo(second);
        assertThat(next).isAfter(first).isBefore(second.plusSeconds(1));
        assertThat(third).isAfter(next).isBefore(second.plusSeconds(1));
    }

    @Test
    void aLaterSecondOrAPreciseStampIsKeptAsItIs() {
        Instant second = Instant.parse("2026-11-22T10:00:00Z");
        order.stamp(second);

        assertThat(order.stamp(second.plusSeconds(1))).isEqualTo(second.plusSeconds(1));
        assertThat(order.stamp(second.plusSeconds(1).plusMillis(5))).isEqualTo(second.plusSeconds(1).plusMillis(5));
        assertThat(order.stamp(second.minusSeconds(30))).isEqualTo(second.minusSeconds(30));
    }
}
