package io.kubezap.session.message;

import java.util.List;
import java.util.Map;

/** {@code GET /stats}: counts by direction and status, overall and in the last 24 hours, and the latest messages. */
public record MessageStats(Map<String, Map<String, Long>> totals, Map<String, Map<String, Long>> last24h,
                           List<Message> latest) {
}
