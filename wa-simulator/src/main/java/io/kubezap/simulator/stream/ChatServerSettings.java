package io.kubezap.simulator.stream;

import java.time.Duration;

/**
 * Timing of the server's own moves.
 *
 * @param firstNodeDelay      wait after the handshake before the first node (Cobalt switches to its
 *                            encrypted state asynchronously and drops nodes that arrive earlier)
 * @param qrRefsPerConnection how many QR references one {@code pair-device} carries
 * @param qrLifetime          how long an unpaired connection may stay open before the server closes it
 * @param webClientRevision   the web client revision {@code https://web.whatsapp.com/} advertises
 *                            (clients derive their version {@code 2.3000.<revision>} from it)
 */
public record ChatServerSettings(Duration firstNodeDelay, int qrRefsPerConnection, Duration qrLifetime, long webClientRevision) {
    public static ChatServerSettings defaults() {
        return new ChatServerSettings(Duration.ofMillis(200), 6, Duration.ofSeconds(160), 1022032575L);
    }
}
