package io.kubezap.gateway.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/stats}: the figures of every session the caller may read. */
public record GlobalStats(SessionCounts sessions, MessageCounts messages, WebhookCounts webhooks,
                          List<LatestMessage> latest) {

    public record SessionCounts(long total, Map<String, Long> byPhase) {
    }

    /** Messages received ({@code in}), sent ({@code out}) and failed, ever and in the last 24 hours. */
    public record MessageCounts(Counts total, Counts last24h) {
    }

    public record Counts(long in, long out, long failed) {
    }

    /** Webhook deliveries waiting for their endpoint, and given up on. */
    public record WebhookCounts(long pending, long failed) {
    }

    public record LatestMessage(String namespace, String session, String id, String chat, String direction,
                                String type, String status, String text, Instant createdAt) {
    }
}
