package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.payload.MediaPayload;

/** The shape of event payloads, the same for webhooks and event sinks: how files travel, and WhatsApp's raw message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EventPayload {

    /** The largest file an event may carry inline; a larger one goes as a link. */
    public static final String BASE64_BOUND = "quantity(self).compareTo(quantity('16Mi')) <= 0";

    @JsonPropertyDescription("How a message's file travels in its event: Url (default), a signed link through the gateway that expires "
            + "(media.url, no API key needed; refused once expired or changed); Base64, the file itself as media.base64 "
            + "(Evolution API's webhookBase64) when it is at most base64MaxSize, else the link.")
    private MediaPayload media;

    @JsonPropertyDescription("With media: Base64, the largest file carried inline (a Kubernetes quantity, at most 16Mi); larger files "
            + "get media.url. Default 1Mi.")
    @Pattern(Media.QUANTITY)
    @Size(max = 64)
    @ValidationRule(value = BASE64_BOUND, reason = "FieldValueInvalid",
            message = "base64MaxSize is at most 16Mi: larger files travel as media.url")
    private String base64MaxSize;

    @JsonPropertyDescription("How long a media.url link opens its file, counted from each delivery attempt, e.g. 1h (default); "
            + "from 1s to 7d.")
    @Pattern("^([1-9][0-9]{0,3}(s|m)|([1-9][0-9]?|1[0-5][0-9]|16[0-8])h|[1-7]d)$")
    private String mediaUrlExpiry;

    @JsonPropertyDescription("Add WhatsApp's message as the engine received it (the WAMessage's key, message, timestamp and push name, "
            + "as JSON) under _data (WAHA's name), for fields kubezap does not map. Default false.")
    private Boolean raw;

    public MediaPayload getMedia() { return media; }
    public void setMedia(MediaPayload media) { this.media = media; }

    public String getBase64MaxSize() { return base64MaxSize; }
    public void setBase64MaxSize(String base64MaxSize) { this.base64MaxSize = base64MaxSize; }

    public String getMediaUrlExpiry() { return mediaUrlExpiry; }
    public void setMediaUrlExpiry(String mediaUrlExpiry) { this.mediaUrlExpiry = mediaUrlExpiry; }

    public Boolean getRaw() { return raw; }
    public void setRaw(Boolean raw) { this.raw = raw; }
}
