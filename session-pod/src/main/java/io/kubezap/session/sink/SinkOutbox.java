package io.kubezap.session.sink;

import io.kubezap.session.event.EventRecordedListener;
import io.kubezap.session.event.PendingEvent;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/** Queues an event for every sink that wants it, inside the transaction that records the event. */
@Singleton
public class SinkOutbox implements EventRecordedListener {

    private final BrokerSinks sinks;
    private final SinkDeliveryRepository deliveries;

    public SinkOutbox(BrokerSinks sinks, SinkDeliveryRepository deliveries) {
        this.sinks = sinks;
        this.deliveries = deliveries;
    }

    @Override
    public void recorded(Handle handle, long eventId, PendingEvent event, Instant at) {
        for (BrokerSink sink : sinks.wanting(event.type())) {
            deliveries.insert(handle, sink.name(), eventId);
        }
    }
}
