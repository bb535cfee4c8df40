package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QrScheduleTest {

    private static final Instant START = Instant.parse("2026-11-21T05:00:00Z");

    @Test
    void firstRefLastsSixtySecondsAndEachFurtherOneTwenty() {
        var slots = QrSchedule.WHATSAPP_WEB.plan(List.of("a", "b", "c"), START);

        assertThat(slots).extracting(QrSchedule.Slot::payload).containsExactly("a", "b", "c");
        assertThat(slots).extracting(QrSchedule.Slot::shownAt)
                .containsExactly(START, START.plusSeconds(60), START.plusSeconds(80));
        assertThat(slots).extracting(QrSchedule.Slot::expiresAt)
                .containsExactly(START.plusSeconds(60), START.plusSeconds(80), START.plusSeconds(100));
    }

    @Test
    void slotsFollowEachOtherWithoutGapOrOverlap() {
        var slots = new QrSchedule(Duration.ofSeconds(45), Duration.ofSeconds(15))
                .plan(List.of("1", "2", "3", "4", "5", "6"), START);

        for (var i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i).shownAt()).isEqualTo(slots.get(i - 1).expiresAt());
        }
        assertThat(slots.getLast().expiresAt()).isEqualTo(START.plusSeconds(45 + 5 * 15));
    }

    @Test
    void noRefsNoSlots() {
        assertThat(QrSchedule.WHATSAPP_WEB.plan(List.of(), START)).isEmpty();
    }
}
