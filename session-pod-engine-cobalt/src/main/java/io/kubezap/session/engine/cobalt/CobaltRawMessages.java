package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.RawMessage;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * WhatsApp's message as Cobalt decoded it, as JSON in WAMessage's shape: {@code key} (remoteJid, fromMe, id,
 * participant), {@code message} (the protobuf Message: Cobalt's model of it, written field by field under Cobalt's
 * names, which follow WhatsApp's: {@code imageMessage.mimetype}, {@code caption}, {@code contextInfo}…; bytes as
 * base64), {@code messageTimestamp} and {@code pushName}. Written only when asked, from the fields themselves: Cobalt
 * 0.0.10 has no JSON of its own, and its accessors wrap fields in Optionals.
 */
final class CobaltRawMessages {

    private static final Logger LOG = Logger.getLogger(CobaltRawMessages.class);
    private static final ObjectMapper FIELDS = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule().addSerializer(Jid.class, new JsonSerializer<>() {
                @Override
                public void serialize(Jid jid, JsonGenerator out, SerializerProvider provider) throws IOException {
                    out.writeString(jid.toString());
                }
            }));

    private CobaltRawMessages() {
    }

    static RawMessage of(ChatMessageInfo info) {
        return RawMessage.lazily(() -> json(info));
    }

    private static String json(ChatMessageInfo info) {
        try {
            ObjectNode raw = FIELDS.createObjectNode();
            ObjectNode key = raw.putObject("key");
            key.put("remoteJid", info.chatJid().toString());
            key.put("fromMe", info.fromMe());
            key.put("id", info.id());
            if (!info.senderJid().equals(info.chatJid())) {
                key.put("participant", info.senderJid().toString());
            }
            raw.set("message", FIELDS.valueToTree(info.message()));
            info.timestampSeconds().ifPresent(seconds -> raw.put("messageTimestamp", seconds));
            info.pushName().ifPresent(name -> raw.put("pushName", name));
            return FIELDS.writeValueAsString(raw);
        } catch (IOException | RuntimeException unwritable) {
            LOG.debugf(unwritable, "Message %s: no raw JSON", info.id());
            return null;
        }
    }
}
