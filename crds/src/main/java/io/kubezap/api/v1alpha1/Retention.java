package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** How long the session pod keeps what it stores. Every field is optional: unset, the pod's default applies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Retention {

    /** A duration the pod reads: minutes, hours or days. */
    public static final String DURATION = "^[1-9][0-9]{0,4}(m|h|d)$";

    @JsonPropertyDescription("Messages older than this are deleted, with their statuses, reactions and receipts, and their media files when no kept message names them (e.g. 365d). Default 365d.")
    @Pattern(DURATION)
    private String messages;

    @JsonPropertyDescription("Media files older than this are deleted; an older message's media answers 410 Gone (e.g. 30d). Default 30d. Replaces spec.media.retention, which applies while this is unset.")
    @Pattern(DURATION)
    private String media;

    @JsonPropertyDescription("Events older than this are deleted, with their finished webhook deliveries; a live stream cannot resume from before it (e.g. 7d). An event still waiting for a webhook delivery is kept. Default 7d.")
    @Pattern(DURATION)
    private String events;

    @JsonPropertyDescription("Delivered and failed webhook deliveries older than this are deleted from /webhooks/deliveries (e.g. 7d). Default 7d.")
    @Pattern(DURATION)
    private String webhookDeliveries;

    public String getMessages() { return messages; }
    public void setMessages(String messages) { this.messages = messages; }

    public String getMedia() { return media; }
    public void setMedia(String media) { this.media = media; }

    public String getEvents() { return events; }
    public void setEvents(String events) { this.events = events; }

    public String getWebhookDeliveries() { return webhookDeliveries; }
    public void setWebhookDeliveries(String webhookDeliveries) { this.webhookDeliveries = webhookDeliveries; }
}
