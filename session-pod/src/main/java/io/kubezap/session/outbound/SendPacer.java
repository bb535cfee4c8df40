package io.kubezap.session.outbound;

import java.time.Duration;
import java.time.Instant;

/** Spaces sends evenly so that no more than {@code perMinute} go out in any minute. */
public class SendPacer {

    private final Duration interval;
    private Instant lastSend = Instant.MIN;

    public SendPacer(int perMinute) {
        this.interval = Duration.ofMinutes(1).dividedBy(perMinute);
    }

    /** How long to wait before the next send may start; zero when it may start now. */
    public synchronized Duration waitBefore(Instant now) {
        if (lastSend.equals(Instant.MIN)) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, lastSend.plus(interval));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    public synchronized void sending(Instant at) {
        lastSend = at;
    }
}
