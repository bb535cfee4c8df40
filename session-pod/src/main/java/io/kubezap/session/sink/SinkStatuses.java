package io.kubezap.session.sink;

import jakarta.inject.Singleton;

import java.util.List;

/** Every configured sink's delivery status, from its cursor and its queued events. */
@Singleton
public class SinkStatuses {

    private final BrokerSinks sinks;
    private final SinkDeliveryRepository deliveries;

    public SinkStatuses(BrokerSinks sinks, SinkDeliveryRepository deliveries) {
        this.sinks = sinks;
        this.deliveries = deliveries;
    }

    public List<SinkStatus> all() {
        var progress = deliveries.progress();
        return sinks.all().stream().map(sink -> {
            var seen = progress.get(sink.name());
            if (seen == null) {
                return new SinkStatus(sink.name(), sink.kind().name(), sink.destination(), sink.events(), 0,
                        null, null, null, null, null);
            }
            return new SinkStatus(sink.name(), sink.kind().name(), sink.destination(), sink.events(), seen.pending(),
                    seen.lastEventId().orElse(null), seen.deliveredAt().orElse(null), seen.lastAttemptAt().orElse(null),
                    seen.lastError().orElse(null), seen.failingSince().orElse(null));
        }).toList();
    }
}
