package io.kubezap.session.sink;

import jakarta.inject.Singleton;

import java.util.List;

/** Every configured sink's delivery status, from its cursor and its queued events. */
@Singleton
public class SinkStatuses {

    private final BrokerSinks sinks;
    private final SinkDeliveryRepository deliveries;
    private final SinkTargets targets;

    public SinkStatuses(BrokerSinks sinks, SinkDeliveryRepository deliveries, SinkTargets targets) {
        this.sinks = sinks;
        this.deliveries = deliveries;
        this.targets = targets;
    }

    public List<SinkStatus> all() {
        var progress = deliveries.progress();
        return sinks.all().stream().map(sink -> {
            var seen = progress.get(sink.name());
            String refused = refusal(sink);
            if (seen == null) {
                return new SinkStatus(sink.name(), sink.kind().name(), sink.destination(), sink.events(), sink.filter(), 0,
                        null, null, null, null, null, refused);
            }
            return new SinkStatus(sink.name(), sink.kind().name(), sink.destination(), sink.events(), sink.filter(),
                    seen.pending(), seen.lastEventId().orElse(null), seen.deliveredAt().orElse(null),
                    seen.lastAttemptAt().orElse(null), seen.lastError().orElse(null), seen.failingSince().orElse(null), refused);
        }).toList();
    }

    private String refusal(BrokerSink sink) {
        try {
            return targets.refusal(sink);
        } catch (IllegalArgumentException unreadableAddress) {
            return unreadableAddress.getMessage();
        }
    }
}
