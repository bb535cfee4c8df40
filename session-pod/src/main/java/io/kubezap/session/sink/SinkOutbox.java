package io.kubezap.session.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.Handle;
import io.kubezap.session.event.EventRecordedListener;
import io.kubezap.session.event.EventSubjects;
import io.kubezap.session.event.PendingEvent;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Queues an event for every sink that wants it, inside the transaction that records the event. */
@Singleton
public class SinkOutbox implements EventRecordedListener {

    private final BrokerSinks sinks;
    private final SinkDeliveryRepository deliveries;
    private final ObjectMapper json;

    public SinkOutbox(BrokerSinks sinks, SinkDeliveryRepository deliveries, ObjectMapper json) {
        this.sinks = sinks;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Override
    public void recorded(Handle handle, long eventId, PendingEvent event, Instant at) {
        for (BrokerSink sink : sinks.wanting(event.type(), EventSubjects.lazily(event, json))) {
            deliveries.insert(handle, sink.name(), eventId);
        }
    }
}
