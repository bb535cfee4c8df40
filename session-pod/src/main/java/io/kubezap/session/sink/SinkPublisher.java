package io.kubezap.session.sink;

import java.util.List;

/**
 * One sink's connection to its broker. {@link #publish} returns once the broker has taken every message (acknowledged
 * them as durable where it can), in order, and throws otherwise; the dispatcher then closes the publisher and retries
 * the whole batch with a new one (at least once: what the broker took before the failure goes again).
 */
interface SinkPublisher extends AutoCloseable {

    void publish(List<SinkMessage> messages) throws Exception;

    @Override
    void close();

    /**
     * A CloudEvent ready to go: its id and type, the partition key that keeps a session's events in order, its subject
     * (the chat it is about; null for events about the session itself), the body.
     */
    record SinkMessage(String id, String type, String key, String subject, byte[] body) {
    }
}
