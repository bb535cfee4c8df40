package io.kubezap.session.api;

import io.kubezap.session.failure.Failure;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.problem.ApiException;

/** A stored message that app state can name: it exists here and WhatsApp gave it an id. */
final class SentMessages {

    private SentMessages() {
    }

    static Message onWhatsApp(MessageRepository messages, String id) {
        Message message = messages.find(id).orElseThrow(() -> ApiException.notFound("No message '" + id + "' in this session"));
        if (message.waMessageId() == null) {
            throw Failure.conflict("message-not-sent", "Message not on WhatsApp", "Message " + id + " has no WhatsApp id yet");
        }
        return message;
    }
}
