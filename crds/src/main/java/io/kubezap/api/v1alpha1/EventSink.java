package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.EventSinkFile;

import java.util.ArrayList;
import java.util.List;

/** A broker the session publishes its events to, as CloudEvents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EventSink {

    @JsonPropertyDescription("Names the sink in GET /sinks, the metrics and the pod's log; unique within the session.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @Size(max = 63)
    private String name;

    @JsonPropertyDescription("The broker: Kafka, NATS (JetStream when a stream takes the subject) or RabbitMQ.")
    @Required
    private EventSinkFile.Kind kind;

    @JsonPropertyDescription("Where the broker is: Kafka bootstrap servers (host:port,host:port), a NATS URL (nats://host:4222, tls://…) or an AMQP URI (amqp://host:5672/vhost, amqps://…). Put no credentials here: use usernameRef and passwordRef.")
    @Required
    @Size(max = 1024)
    @Pattern("^[^\\s@]+$")
    private String address;

    @JsonPropertyDescription("The Kafka topic, the NATS subject or the RabbitMQ exchange (routing key: the CloudEvent type) the events go to.")
    @Required
    @Size(max = 255)
    @Pattern("^[^\\s]+$")
    private String destination;

    @JsonPropertyDescription("Event types this sink receives (empty: all events), any of: " + EventTypes.NAMES + ".")
    @ValidationRule(value = EventTypes.CEL_ALL_KNOWN,
            message = "unknown event type; kubectl explain whatsappsession.spec.events.sinks.events lists the known ones",
            reason = "FieldValueInvalid")
    @Size(max = EventTypes.MAX_LIST)
    private List<@Size(max = EventTypes.MAX_NAME_LENGTH) String> events = new ArrayList<>();

    @JsonPropertyDescription("Which of those events this sink receives, by chat, direction and who acted, e.g. {excludeChats: [groups, status]}. Unset: all of them.")
    private EventFilter filter;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the user name: SASL SCRAM-SHA-512 over TLS for Kafka, user and password for NATS and RabbitMQ.")
    private SecretKeyRef usernameRef;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the password.")
    private SecretKeyRef passwordRef;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }

    public EventSinkFile.Kind getKind() { return kind; }
    public void setKind(EventSinkFile.Kind kind) { this.kind = kind; }

    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }

    public String getDestination() { return destination; }
    public void setDestination(String destination) { this.destination = destination; }

    public List<String> getEvents() { return events; }
    public void setEvents(List<String> events) { this.events = events; }

    public SecretKeyRef getUsernameRef() { return usernameRef; }
    public void setUsernameRef(SecretKeyRef usernameRef) { this.usernameRef = usernameRef; }

    public SecretKeyRef getPasswordRef() { return passwordRef; }
    public void setPasswordRef(SecretKeyRef passwordRef) { this.passwordRef = passwordRef; }

    public EventFilter getFilter() { return filter; }
    public void setFilter(EventFilter filter) { this.filter = filter; }
}
