package io.kubezap.session.sink;

import io.kubezap.contract.EventSinkFile;

import java.util.Optional;
import java.util.Set;

/**
 * One configured sink: which broker, where ({@code address}: Kafka bootstrap servers, a NATS URL, an AMQP URI), what
 * to publish to ({@code destination}: the topic, the subject, the exchange), which events (empty: all) and the
 * credentials from its Secret.
 */
public record BrokerSink(String name, EventSinkFile.Kind kind, String address, String destination, Set<String> events,
                         Optional<String> username, Optional<String> password) {

    public boolean wants(String eventType) {
        return events.isEmpty() || events.contains(eventType);
    }

    /** Never the address's user info: it may carry a password. */
    @Override
    public String toString() {
        return kind + " sink " + name;
    }
}
