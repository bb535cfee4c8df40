package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Webhook {

    static final String HEADER_NAMES = "self.all(name, name.matches('^[A-Za-z0-9!#$%&*+.^_|~-]{1,128}$'))";
    static final String HEADER_NAMES_MESSAGE = "a header name is letters, digits and !#$%&*+.^_|~- (RFC 9110 token), at most 128";
    static final String NOT_RESERVED = "self.all(name, !name.matches('" + io.kubezap.contract.WebhookFile.RESERVED_HEADERS + "'))";
    static final String NOT_RESERVED_MESSAGE = "the delivery sets this header itself (Content-Type, Content-Length, Host,"
            + " Authorization, User-Agent, traceparent, tracestate, webhook-*, X-Kubezap-*); use auth for Authorization";

    @JsonPropertyDescription("Where events are POSTed; an http or https URL.")
    @Required
    @Pattern("^https?://[^\\s/?#]+[^\\s]*$")
    @Size(max = 2048)
    private String url;

    @JsonPropertyDescription("Event types this endpoint receives (empty: all events), any of: " + EventTypes.NAMES + ".")
    @ValidationRule(value = EventTypes.CEL_ALL_KNOWN,
            message = "unknown event type; kubectl explain whatsappsession.spec.webhooks.events lists the known ones",
            reason = "FieldValueInvalid")
    @Size(max = EventTypes.MAX_LIST)
    private List<@Size(max = EventTypes.MAX_NAME_LENGTH) String> events = new ArrayList<>();

    @JsonPropertyDescription("Which of those events this endpoint receives, by chat, direction and who acted, e.g. {excludeChats: [groups, status]}. Unset: all of them.")
    private EventFilter filter;

    @JsonPropertyDescription("Headers sent with every delivery, name to value, e.g. {X-Team: sales}. Not for secrets (they show in the spec): use auth. The delivery's own headers (Content-Type, webhook-*, X-Kubezap-*, traceparent, Authorization, Host, ...) cannot be set here.")
    @Size(max = 32)
    @ValidationRule(value = Webhook.HEADER_NAMES, message = Webhook.HEADER_NAMES_MESSAGE, reason = "FieldValueInvalid")
    @ValidationRule(value = Webhook.NOT_RESERVED, message = Webhook.NOT_RESERVED_MESSAGE, reason = "FieldValueForbidden")
    private Map<String, @Size(max = 1024) @Pattern("^[^\\r\\n]*$") String> headers;

    @JsonPropertyDescription("How the receiver is told who calls, besides the signature: bearer (a token from a Secret), basic (user name and password from a Secret) or oauth2 (a client-credentials token fetched and refreshed by the pod). Sent as the Authorization header.")
    private WebhookAuth auth;

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

    public Map<String, String> getHeaders() { return headers; }
    public void setHeaders(Map<String, String> headers) { this.headers = headers; }

    public WebhookAuth getAuth() { return auth; }
    public void setAuth(WebhookAuth auth) { this.auth = auth; }

    public EventFilter getFilter() { return filter; }
    public void setFilter(EventFilter filter) { this.filter = filter; }
}
