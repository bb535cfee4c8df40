package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.server.ProtocolMessageBuilder;

import java.time.Instant;
import java.util.Optional;

/**
 * A one-to-one chat's disappearing messages setting both ways: WhatsApp's {@code EPHEMERAL_SETTING} protocol message,
 * which the pod's {@code ServerMessage} lets through to the listener (Cobalt 0.0.10's own handling loses the duration).
 */
final class DisappearingSettings {

    private DisappearingSettings() {
    }

    static Optional<EngineEvent.DisappearingChanged> from(MessageInfo<?> message, Instant receivedAt) {
        if (!(message instanceof ChatMessageInfo info) || !(info.message().content() instanceof ProtocolMessage protocol)
                || protocol.protocolType() != ProtocolMessage.Type.EPHEMERAL_SETTING || !isOneToOne(info.chatJid())) {
            return Optional.empty();
        }
        Instant at = info.timestampSeconds().isPresent() ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong()) : receivedAt;
        return Optional.of(new EngineEvent.DisappearingChanged(info.id(), info.chatJid().toSimpleJid().toString(),
                info.senderJid().toSimpleJid().toString(), info.fromMe(), (int) protocol.ephemeralExpirationSeconds(), at));
    }

    /** What the phone sends to the chat when its owner changes the timer. */
    static MessageContainer message(int seconds) {
        return MessageContainer.of(new ProtocolMessageBuilder().protocolType(ProtocolMessage.Type.EPHEMERAL_SETTING)
                .ephemeralExpirationSeconds(seconds).build());
    }

    private static boolean isOneToOne(Jid chat) {
        String server = chat.server().address();
        return server.equals("s.whatsapp.net") || server.equals("lid");
    }
}
