package io.kubezap.session.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.config.PayloadSettings;
import io.kubezap.session.engine.RawMessage;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * An incoming message's event payload: the message as the API shows it and, when the session asks for it
 * ({@code spec.events.payload.raw}, KUBEZAP_EVENTS_PAYLOAD_RAW), WhatsApp's message as the engine received it under {@code _data} (WAHA's name).
 * In the event itself, so webhooks, sinks, the live streams and {@code GET /events} all carry the same.
 */
@Singleton
public class RawAlongside {

    public static final String FIELD = "_data";
    private static final Logger LOG = Logger.getLogger(RawAlongside.class);

    private final boolean wanted;
    private final ObjectMapper json;

    public RawAlongside(PayloadSettings payload, ObjectMapper json) {
        this.wanted = payload.raw();
        this.json = json;
    }

    Object payload(Message message, RawMessage raw) {
        if (!wanted || raw == null) {
            return message;
        }
        String text = raw.json();
        if (text == null) {
            return message;
        }
        try {
            JsonNode data = json.readTree(text);
            ObjectNode shown = json.valueToTree(message);
            shown.set(FIELD, data);
            return shown;
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            LOG.warnf("WhatsApp's raw message of %s is not added to its event: %s", message.id(), unreadable.getMessage());
            return message;
        }
    }
}
