package io.kubezap.session.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * WhatsApp stamps messages in whole seconds, and messages are listed by that stamp: a burst (the
 * offline queue after a restart) would come back in random order within each second. Stamps given
 * in whole seconds that fall in the second of the previous one are moved a microsecond after it,
 * so the list keeps the order in which WhatsApp delivered them, without leaving their second.
 */
final class ArrivalOrder {

    private Instant last = Instant.EPOCH;

    synchronized Instant stamp(Instant whatsAppTime) {
        var stamp = whatsAppTime;
        var wholeSecond = whatsAppTime.getNano() == 0;
        var sameSecond = whatsAppTime.getEpochSecond() == last.getEpochSecond();
        if (wholeSecond && sameSecond && !whatsAppTime.isAfter(last)) {
            var next = last.plus(1, ChronoUnit.MICROS);
            stamp = next.getEpochSecond() == whatsAppTime.getEpochSecond() ? next : last;
        }
        last = stamp;
        return stamp;
    }
}
