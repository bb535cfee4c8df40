package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.node.Node;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow or forgetful server, for tests only: the control API holds back the answers to chosen IQs, or the login's
 * {@code <success>}, late or never, for their next N occurrences, and delays every answer by a set time. The protocol
 * code asks {@link #delayFor} once per request (and {@link #loginDelay} once per login) and never knows why; with no
 * fault set, every answer goes after the usual round trip.
 */
public final class AnswerFaults {

    /** What a hold still has to hold back: {@code remaining} more answers. */
    public record Held(String xmlns, String child, String stanza, Long lateByMillis, int remaining) {
    }

    /** The stanza that holds back a login rather than an IQ's answer. */
    public static final String SUCCESS = "success";

    /**
     * IQs of {@code xmlns} (and, when given, with a child named {@code child}), or logins when {@code stanza} is
     * {@link #SUCCESS}, answered {@code lateBy} later, or never when null.
     */
    private record Hold(String xmlns, String child, String stanza, Duration lateBy, AtomicInteger remaining) {
        Held view() {
            return new Held(xmlns, child, stanza, lateBy == null ? null : lateBy.toMillis(), Math.max(0, remaining.get()));
        }

        boolean matches(Node iq) {
            return xmlns != null && xmlns.equals(iq.attributes().getString("xmlns", ""))
                    && (child == null || iq.findChild(child).isPresent());
        }

        /** Takes one occurrence: how much later it goes, empty for never; null once this hold is spent. */
        Optional<Duration> take() {
            return remaining.getAndDecrement() > 0 ? Optional.ofNullable(lateBy) : null;
        }
    }

    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private volatile Duration everyAnswer = Duration.ZERO;

    /**
     * The next {@code times} IQs of {@code xmlns} (with a child {@code child}, if not null) are answered {@code lateBy}
     * late, or never when {@code lateBy} is empty.
     */
    public void hold(String xmlns, String child, Optional<Duration> lateBy, int times) {
        if (xmlns == null || xmlns.isBlank() || times < 1) {
            throw new IllegalArgumentException("a held answer needs an xmlns and times >= 1");
        }
        holds.add(new Hold(xmlns, child, null, lateBy.orElse(null), new AtomicInteger(times)));
    }

    /** The next {@code times} logins get their {@code <success>} {@code lateBy} late, or never when it is empty. */
    public void holdLogins(Optional<Duration> lateBy, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("a held login needs times >= 1");
        }
        holds.add(new Hold(null, null, SUCCESS, lateBy.orElse(null), new AtomicInteger(times)));
    }

    /** Every answer waits {@code delay} longer than the usual round trip (zero: back to normal). */
    public void delayEveryAnswer(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
        everyAnswer = delay;
    }

    /** The holds set since the last {@link #clear()}, with what each still holds back. */
    public List<Held> holds() {
        return holds.stream().map(Hold::view).toList();
    }

    public void clear() {
        holds.clear();
        everyAnswer = Duration.ZERO;
    }

    Duration everyAnswer() {
        return everyAnswer;
    }

    /** How much later than usual {@code iq} is answered; empty when it is not answered at all. */
    Optional<Duration> delayFor(Node iq) {
        return firstTaken(holds.stream().filter(hold -> hold.matches(iq)).toList());
    }

    /** How much later than usual a login's {@code <success>} goes; empty when it never does. */
    Optional<Duration> loginDelay() {
        return firstTaken(holds.stream().filter(hold -> SUCCESS.equals(hold.stanza())).toList());
    }

    private static Optional<Duration> firstTaken(List<Hold> matching) {
        for (var hold : matching) {
            var taken = hold.take();
            if (taken != null) {
                return taken;
            }
        }
        return Optional.of(Duration.ZERO);
    }
}
