package io.kubezap.automation.autoreply;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** Weekly business hours in local time; with no slot at all the business is always open. */
record WeeklySchedule(List<Slot> slots) {

    /** Open on {@code days} from {@code from} (inclusive) to {@code to} (exclusive; null: the end of the day). */
    record Slot(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

        boolean holds(ZonedDateTime at) {
            LocalTime time = at.toLocalTime();
            return days.contains(at.getDayOfWeek()) && !time.isBefore(from) && (to == null || time.isBefore(to));
        }
    }

    static final WeeklySchedule ALWAYS_OPEN = new WeeklySchedule(List.of());

    /** Whether {@code at} (already in the schedule's zone: a DST gap or overlap is the zone's wall clock) is within hours. */
    boolean open(ZonedDateTime at) {
        return slots.isEmpty() || slots.stream().anyMatch(slot -> slot.holds(at));
    }
}
