package io.kubezap.simulator.stream;

import java.time.Duration;

/**
 * Timing of the server's own moves.
 *
 * @param firstNodeDelay      wait after the handshake before the first node (Cobalt switches to its
 *                            encrypted state in two asynchronous steps and misreads nodes that arrive
 *                            earlier; 200 ms is usually enough, not on a loaded 2-CPU machine)
 * @param qrRefsPerConnection how many QR references one {@code pair-device} carries
 * @param qrLifetime          how long an unpaired connection may stay open before the server closes it
 * @param webClientRevision   the web client revision {@code https://web.whatsapp.com/} advertises
 *                            (clients derive their version {@code 2.3000.<revision>} from it)
 * @param answerDelay         wait before answering a client's IQ, like a round trip to a real server: Cobalt
 *                            0.0.10 registers a request only after its frame is written, so an answer that
 *                            arrives sooner (easy on loopback) is dropped and the request hangs
 */
public record ChatServerSettings(Duration firstNodeDelay, int qrRefsPerConnection, Duration qrLifetime, long webClientRevision,
                                 Duration answerDelay) {
    public static ChatServerSettings defaults() {
        return new ChatServerSettings(Duration.ofMillis(500), 6, Duration.ofSeconds(160), 1022032575L, Duration.ofMillis(100));
    }
}
