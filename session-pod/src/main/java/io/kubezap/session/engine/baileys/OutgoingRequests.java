package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.OutgoingContent;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.OutgoingUpdate;

/**
 * What to send as the fields of the bridge's {@code send} request (PROTOCOL.md): a text, a file the bridge reads from
 * its path, a place, contact cards, a poll, or a reaction, an edit or a deletion of a sent message (a poll vote is not
 * bridged).
 */
final class OutgoingRequests {

    private OutgoingRequests() {
    }

    /** {@code request} with {@code message}'s fields; throws {@link io.kubezap.session.engine.UnsupportedByEngine}. */
    static ObjectNode of(OutgoingMessage message, ObjectNode request) {
        switch (message) {
            case OutgoingText text -> request.put("text", text.text());
            case OutgoingMedia media -> request.putObject("media").put("kind", media.kind().name())
                    .put("path", media.file().toAbsolutePath().toString()).put("mimeType", media.mimeType())
                    .put("fileName", media.fileName()).put("caption", media.caption());
            case OutgoingUpdate update -> update(update, request);
            case OutgoingContent content -> content(content.content(), request);
        }
        var mentions = request.putArray("mentions");
        message.mentions().forEach(mentions::add);
        return request;
    }

    private static void content(MessageContent.Structured content, ObjectNode request) {
        switch (content) {
            case MessageContent.Location place -> request.putObject("location").put("latitude", place.latitude())
                    .put("longitude", place.longitude()).put("name", place.name()).put("address", place.address());
            case MessageContent.Contacts cards -> {
                var contacts = request.putArray("contacts");
                cards.contacts().forEach(card -> contacts.addObject().put("fullName", card.fullName()).put("vcard", card.vcard()));
            }
            case MessageContent.Poll poll -> {
                var fields = request.putObject("poll").put("name", poll.name()).put("selectableCount", poll.selectableCount());
                poll.options().forEach(fields.putArray("options")::add);
            }
        }
    }

    private static void update(OutgoingUpdate update, ObjectNode request) {
        var target = update.target();
        request.putObject("target").put("chat", target.chatJid()).put("id", target.messageId()).put("fromMe", target.fromMe())
                .put("sender", target.senderJid());
        switch (update.update()) {
            case MessageUpdate.Reaction reaction -> request.put("react", reaction.emoji());
            case MessageUpdate.Edit edit -> request.put("edit", edit.text());
            case MessageUpdate.Revoke revoke -> request.put("revoke", true);
            case MessageUpdate.PollVote vote -> throw BaileysEngine.unsupported("Poll votes");
        }
    }
}
