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
@ValidationRule(value = EventSink.SQS_NEEDS, message = "an SQS sink needs a region, usernameRef (access key id) and passwordRef (secret access key)",
        reason = "FieldValueRequired")
@ValidationRule(value = EventSink.SQS_ONLY, message = "region, sessionTokenRef and deadLetterQueue are for SQS sinks only",
        reason = "FieldValueForbidden")
public class EventSink {

    /** CEL: SQS signs every request; there is no anonymous access to read from the environment. */
    public static final String SQS_NEEDS = "self.kind != 'SQS' || (has(self.region) && has(self.usernameRef) && has(self.passwordRef))";
    /** CEL: the fields no other broker reads are not silently ignored. */
    public static final String SQS_ONLY = "self.kind == 'SQS' || !(has(self.region) || has(self.sessionTokenRef) || has(self.deadLetterQueue))";

    @JsonPropertyDescription("Names the sink in GET /sinks, the metrics and the pod's log; unique within the session.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @Size(max = 63)
    private String name;

    @JsonPropertyDescription("The broker: Kafka, NATS (JetStream when a stream takes the subject), RabbitMQ or SQS (a FIFO queue: one message group per chat).")
    @Required
    private EventSinkFile.Kind kind;

    @JsonPropertyDescription("Where the broker is: Kafka bootstrap servers (host:port,host:port), a NATS URL (nats://host:4222, tls://…), an AMQP URI (amqp://host:5672/vhost, amqps://…) or the SQS endpoint (https://sqs.eu-west-1.amazonaws.com, or an SQS-compatible server's such as http://elasticmq:9324). Put no credentials here: use usernameRef and passwordRef.")
    @Required
    @Size(max = 1024)
    @Pattern("^[^\\s@]+$")
    private String address;

    @JsonPropertyDescription("The Kafka topic, the NATS subject, the RabbitMQ exchange (routing key: the CloudEvent type) or the SQS queue URL (a FIFO queue, name ending in .fifo) the events go to.")
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

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the user name: SASL SCRAM-SHA-512 over TLS for Kafka, user and password for NATS and RabbitMQ, the access key id for SQS.")
    private SecretKeyRef usernameRef;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the password (for SQS: the secret access key).")
    private SecretKeyRef passwordRef;

    @JsonPropertyDescription("SQS: the region requests are signed for, e.g. eu-west-1 (any region for most SQS-compatible servers).")
    @Size(max = 64)
    @Pattern("^[a-z0-9-]+$")
    private String region;

    @JsonPropertyDescription("SQS: key of a Secret (labelled kubezap.io/session-secret=true) holding the session token of temporary credentials.")
    private SecretKeyRef sessionTokenRef;

    @JsonPropertyDescription("SQS: the queue URL that takes an event the sink's queue refuses (too large, say) after KUBEZAP_SINK_DEAD_LETTER_AFTER attempts, as a CloudEvent without its data that says why; the sink then goes on. Unset: such an event is retried until the queue takes it. Failures of your consumers are the queue's own redrive policy's to handle.")
    @Size(max = 1024)
    @Pattern("^[^\\s@]+$")
    private String deadLetterQueue;

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

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }

    public SecretKeyRef getSessionTokenRef() { return sessionTokenRef; }
    public void setSessionTokenRef(SecretKeyRef sessionTokenRef) { this.sessionTokenRef = sessionTokenRef; }

    public String getDeadLetterQueue() { return deadLetterQueue; }
    public void setDeadLetterQueue(String deadLetterQueue) { this.deadLetterQueue = deadLetterQueue; }

    public EventFilter getFilter() { return filter; }
    public void setFilter(EventFilter filter) { this.filter = filter; }
}
