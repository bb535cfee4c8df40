package io.kubezap.session.message;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

/**
 * {@code POST /messages/{id}/played}: a received voice note marked listened to, as WhatsApp's apps do when it is
 * played: a {@code played} receipt to its writer (whose phone shows it played), and the message's status here.
 */
@Singleton
public class VoiceNotePlays {

    private final SessionDb db;
    private final MessageRepository messages;
    private final WhatsAppEngine engine;

    public VoiceNotePlays(SessionDb db, MessageRepository messages, WhatsAppEngine engine) {
        this.db = db;
        this.messages = messages;
        this.engine = engine;
    }

    public Message markPlayed(String id) {
        Message note = messages.find(id).orElseThrow(() -> Failure.notFound("No message '" + id + "' in this session"));
        if (note.direction() != Direction.IN || !(note.content() instanceof MessageContent.Media media) || media.kind() != MediaKind.VOICE) {
            throw Failure.conflict("not-a-received-voice-note", "Not a received voice note",
                    "Only a voice note someone sent this session is played; message " + id + " is not one");
        }
        EngineCalls.await(engine.markPlayed(note.chat(), new MessageRef(note.chat(), note.waMessageId(), false, note.from())));
        db.inTransaction(handle -> {
            messages.recordStatus(handle, id, MessageStatus.PLAYED, null, Timestamps.now());
            return null;
        });
        return messages.find(id).orElseThrow();
    }
}
