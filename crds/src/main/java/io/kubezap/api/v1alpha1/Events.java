package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** Where the session's events go besides webhooks and the live streams, and the shape of what they carry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Events {

    @JsonPropertyDescription("Brokers that receive this session's events as CloudEvents (structured JSON), in order and at least once, from the same durable outbox as webhooks.")
    @Size(max = 8)
    // FieldValueInvalid, not FieldValueDuplicate: with the latter the API server answers only "Duplicate value"
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))", message = "sink names must be unique",
            reason = "FieldValueInvalid")
    private List<EventSink> sinks = new ArrayList<>();

    @JsonPropertyDescription("The shape of event payloads, for webhooks and event sinks alike: media as a signed link or inline base64, "
            + "and WhatsApp's raw message alongside.")
    private EventPayload payload;

    public List<EventSink> getSinks() { return sinks; }
    public void setSinks(List<EventSink> sinks) { this.sinks = sinks; }

    public EventPayload getPayload() { return payload; }
    public void setPayload(EventPayload payload) { this.payload = payload; }
}
