package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Webhook {

    @JsonPropertyDescription("Where events are POSTed; an http or https URL.")
    @Required
    @Pattern("^https?://[^\\s/?#]+[^\\s]*$")
    @Size(max = 2048)
    private String url;

    @JsonPropertyDescription("Event types this endpoint receives (empty: all events), any of: " + EventTypes.NAMES + ".")
    @ValidationRule(value = EventTypes.CEL_ALL_KNOWN,
            message = "unknown event type; kubectl explain whatsappsession.spec.webhooks.events lists the known ones",
            reason = "FieldValueNotSupported")
    private List<String> events = new ArrayList<>();

    @JsonPropertyDescription("Which of those events this endpoint receives, by chat, direction and who acted, e.g. {excludeChats: [groups, status]}. Unset: all of them.")
    private EventFilter filter;

    @JsonPropertyDescription("Key of a Secret in this namespace holding the HMAC-SHA256 signing secret (raw or whsec_ base64). Without it deliveries are unsigned.")
    private SecretKeyRef secretRef;

    public Webhook() {
    }

    public Webhook(String url, List<String> events, SecretKeyRef secretRef) {
        this.url = url;
        this.events = events;
        this.secretRef = secretRef;
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }

    public List<String> getEvents() { return events; }
    public void setEvents(List<String> events) { this.events = events; }

    public SecretKeyRef getSecretRef() { return secretRef; }
    public void setSecretRef(SecretKeyRef secretRef) { this.secretRef = secretRef; }

    public EventFilter getFilter() { return filter; }
    public void setFilter(EventFilter filter) { this.filter = filter; }
}
