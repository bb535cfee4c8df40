package io.kubezap.session.engine.cobalt;

import java.time.Duration;

/**
 * Timings of the Cobalt adapter. {@link #DEFAULT} is what the pod runs with; tests shorten them.
 *
 * @param backoffBase    delay ceiling of the first retry; doubles per failed attempt
 * @param backoffCap     largest delay between attempts
 * @param connectTimeout an attempt with no socket up after this long counts as failed
 * @param selfHealGrace  after a drop the server explained, time left to Cobalt's own reconnect
 * @param tickPeriod     how often the watchdog looks at the connection
 * @param renewSettle    pause between closing and reopening on purpose (restart, fresh QR refs)
 * @param qrSchedule     how long each QR ref is shown
 * @param pairingCodeLifetime how long a pairing code is offered before the login socket is renewed
 * @param loginTimeout   how long a linked session's login may take from its first handshake frame (90 s by default:
 *                       past Cobalt's own 60 s wait for each login answer, so that a login the server answers too late
 *                       fails in Cobalt first)
 */
public record EngineTuning(Duration backoffBase, Duration backoffCap, Duration connectTimeout, Duration selfHealGrace,
                           Duration tickPeriod,
                           Duration renewSettle, QrSchedule qrSchedule, Duration pairingCodeLifetime,
                           Duration loginTimeout) {

    public static final EngineTuning DEFAULT = new EngineTuning(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(500),
            QrSchedule.WHATSAPP_WEB, Duration.ofSeconds(150), Duration.ofSeconds(90));

    public EngineTuning withQrSchedule(QrSchedule schedule) {
        return new EngineTuning(backoffBase, backoffCap, connectTimeout, selfHealGrace, tickPeriod, renewSettle, schedule,
                pairingCodeLifetime, loginTimeout);
    }

    public EngineTuning withPairingCodeLifetime(Duration lifetime) {
        return new EngineTuning(backoffBase, backoffCap, connectTimeout, selfHealGrace, tickPeriod, renewSettle, qrSchedule,
                lifetime, loginTimeout);
    }

    public EngineTuning withLoginTimeout(Duration timeout) {
        return new EngineTuning(backoffBase, backoffCap, connectTimeout, selfHealGrace, tickPeriod, renewSettle, qrSchedule,
                pairingCodeLifetime, timeout);
    }
}
