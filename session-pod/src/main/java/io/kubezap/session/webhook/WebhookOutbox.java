package io.kubezap.session.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.Handle;
import io.kubezap.session.event.EventRecordedListener;
import io.kubezap.session.event.EventSubjects;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.host.HostedSession;
import io.kubezap.session.host.HostedSessions;
import jakarta.inject.Singleton;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes one delivery per interested endpoint, inside the transaction that records the event. */
@Singleton
public class WebhookOutbox implements EventRecordedListener {

    private final WebhookEndpoints endpoints;
    private final DeliveryRepository deliveries;
    private final HostedSessions sessions;
    private final ObjectMapper json;

    public WebhookOutbox(WebhookEndpoints endpoints, DeliveryRepository deliveries, HostedSessions sessions, ObjectMapper json) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public void recorded(Handle handle, long eventId, PendingEvent event, Instant at) {
        for (WebhookEndpoint endpoint : endpoints.wanting(event.type(), EventSubjects.lazily(event, json))) {
            String deliveryId = newDeliveryId();
            String body = body(deliveryId, event.type(), at, event.payload());
            deliveries.insert(handle, deliveryId, eventId, event.type(), endpoint.url().toString(), body, at);
        }
    }

    /** The documented envelope: event, session, namespace, timestamp, deliveryId, data. */
    String body(String deliveryId, String eventType, Instant at, Object data) {
        HostedSession session = sessions.current();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event", eventType);
        envelope.put("session", session.name());
        envelope.put("namespace", session.namespace());
        envelope.put("timestamp", at.toString());
        envelope.put("deliveryId", deliveryId);
        envelope.put("data", data);
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newDeliveryId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
