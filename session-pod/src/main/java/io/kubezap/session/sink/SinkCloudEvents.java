package io.kubezap.session.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * An event as a CloudEvent (1.0, structured JSON): {@code id} the event's id (the same across retries, so consumers
 * de-duplicate by source and id), {@code source} the session, {@code type} {@code io.kubezap.<event type>},
 * {@code subject} the chat the event is about (absent for events about the session itself), {@code time} when it was
 * recorded and {@code data} the payload {@code GET /events} shows. An event an API request caused carries that
 * request's W3C trace context as the Distributed Tracing extension's {@code traceparent} (and {@code tracestate}).
 */
@Singleton
public class SinkCloudEvents {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    static final String TYPE_PREFIX = "io.kubezap.";
    /** Where an event's chat is, by the first that the payload has: messages, reactions and calls, groups, presence. */
    private static final List<String> CHAT_POINTERS = List.of("/chat", "/message/chat", "/group", "/from", "/jid");

    private final Supplier<SessionSettings> session;
    private final ObjectMapper json;

    @Inject
    public SinkCloudEvents(HostedSessions sessions, ObjectMapper json) {
        this(sessions::currentSettings, json);
    }

    SinkCloudEvents(Supplier<SessionSettings> session, ObjectMapper json) {
        this.session = session;
        this.json = json;
    }

    private URI source() {
        SessionSettings named = session.get();
        return URI.create("/api/v1/namespaces/" + named.namespace() + "/sessions/" + named.name());
    }

    /** The structured-mode JSON document a broker message carries. */
    byte[] serialize(SinkEvent event) {
        return serialize(cloudEvent(event));
    }

    byte[] serialize(CloudEvent event) {
        return Format.JSON.serialize(event);
    }

    CloudEvent cloudEvent(SinkEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(Long.toString(event.id()))
                .withSource(source())
                .withType(type(event.type()))
                .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .withData("application/json", event.payload().getBytes(StandardCharsets.UTF_8));
        String subject = subject(event.payload());
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (event.trace() != null) {
            builder.withExtension(TraceContext.TRACEPARENT, event.trace().traceparent());
            if (event.trace().tracestate() != null) {
                builder.withExtension(TraceContext.TRACESTATE, event.trace().tracestate());
            }
        }
        return builder.build();
    }

    static String type(String eventType) {
        return TYPE_PREFIX + eventType;
    }

    private String subject(String payload) {
        try {
            JsonNode data = json.readTree(payload);
            for (String pointer : CHAT_POINTERS) {
                JsonNode chat = data.at(pointer);
                if (chat.isTextual() && !chat.asText().isBlank()) {
                    return chat.asText();
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Built on the first event a sink takes: a session without sinks never loads the CloudEvents library. */
    private static final class Format {
        static final JsonFormat JSON = new JsonFormat();
    }
}
