package io.kubezap.session.sink;

import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.contract.filter.EventSubject;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One configured sink: which broker, where ({@code address}: Kafka bootstrap servers, a NATS URL, an AMQP URI, the SQS
 * endpoint), what to publish to ({@code destination}: the topic, the subject, the exchange, the queue URL), which events
 * (empty: all; {@code filter} picks among them by chat, direction and who acted), the credentials from its Secret and,
 * for SQS, {@code sqs}.
 */
public record BrokerSink(String name, EventSinkFile.Kind kind, String address, String destination, Set<String> events,
                         EventFilter filter, Optional<String> username, Optional<String> password, SqsQueue sqs) {

    public BrokerSink(String name, EventSinkFile.Kind kind, String address, String destination, Set<String> events,
                      Optional<String> username, Optional<String> password) {
        this(name, kind, address, destination, events, EventFilter.EVERYTHING, username, password, SqsQueue.NONE);
    }

    public boolean wants(String eventType) {
        return events.isEmpty() || events.contains(eventType);
    }

    /** Whether this sink takes the event: its type, then (read only when asked) what it is about. */
    public boolean wants(String eventType, Supplier<EventSubject> subject) {
        return wants(eventType) && filter.passes(subject);
    }

    /** Never the address's user info: it may carry a password. */
    @Override
    public String toString() {
        return kind + " sink " + name;
    }
}
