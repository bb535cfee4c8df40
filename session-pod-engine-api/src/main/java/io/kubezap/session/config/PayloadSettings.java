package io.kubezap.session.config;

import io.kubezap.contract.payload.MediaPayload;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The shape of event payloads ({@code KUBEZAP_EVENTS_PAYLOAD_*}, from {@code spec.events.payload}), for webhooks and sinks. */
public interface PayloadSettings {

    /** KUBEZAP_EVENTS_PAYLOAD_MEDIA: Url (a signed link) or Base64 (the file inline up to {@link #base64MaxSize()}, else the link). */
    @WithDefault("Url")
    MediaPayload media();

    /** KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE: the largest file carried inline with media Base64. */
    @WithDefault("1M")
    MemorySize base64MaxSize();

    /** KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_EXPIRY: how long a link opens its file, from each delivery attempt. */
    @WithDefault("1h")
    Duration mediaUrlExpiry();

    /**
     * KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE: the session's base URL as receivers reach it (the gateway's
     * {@code …/api/v1/namespaces/<ns>/sessions/<name>}, or the pod's own in local mode). Unset: no links, the event keeps
     * the pod's relative media path.
     */
    Optional<String> mediaUrlBase();

    /** KUBEZAP_EVENTS_PAYLOAD_RAW: WhatsApp's message as the engine received it rides along under {@code _data} (message.RawAlongside). */
    @WithDefault("false")
    boolean raw();
}
