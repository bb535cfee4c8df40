package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.LinkPreview;
import io.kubezap.session.engine.MediaFacts;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.OutgoingContent;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.OutgoingUpdate;
import io.kubezap.session.engine.StatusPost;

/**
 * What to send as the fields of the bridge's {@code send} request (PROTOCOL.md): a text, a file the bridge reads from
 * its path, a structured kind ({@link BridgeBlocks}), or a reaction, an edit, a deletion or an event's change of a sent
 * message (a poll vote and an answer to an event are not bridged: the pod makes neither).
 */
final class OutgoingRequests {

    private OutgoingRequests() {
    }

    /** {@code request} with {@code message}'s fields; throws {@link io.kubezap.session.engine.UnsupportedByEngine}. */
    static ObjectNode of(OutgoingMessage message, ObjectNode request) {
        switch (message) {
            case OutgoingText text -> request.put("text", text.text());
            case OutgoingMedia media -> media(media, request);
            case OutgoingUpdate update -> update(update, request);
            case OutgoingContent content -> BridgeBlocks.put(content.content(), request);
        }
        var mentions = request.putArray("mentions");
        message.mentions().forEach(mentions::add);
        if (message.traits().ephemeralExpiration() != null) {
            request.put("expiration", message.traits().ephemeralExpiration());
        }
        traits(message.traits(), request);
        return request;
    }

    /**
     * Forwarded, view once, the album a photo or video belongs to, a text's link preview, a status's look and audience
     * (PROTOCOL.md, {@code send}): absent unless the send asks for them.
     */
    private static void traits(MessageTraits traits, ObjectNode request) {
        if (traits.forwarded()) {
            request.put("forwarded", true).put("forwardingScore", traits.forwardingScore());
        }
        if (traits.viewOnce()) {
            request.put("viewOnce", true);
        }
        if (traits.albumId() != null) {
            request.put("albumParent", traits.albumId());
        }
        StatusPost status = traits.statusPost();
        if (status != null) {
            var look = request.putObject("status").put("backgroundColor", status.backgroundColor()).put("font", status.font());
            status.audience().forEach(look.putArray("audience")::add);
        }
        LinkPreview preview = traits.linkPreview();
        if (preview != null) {
            request.putObject("linkPreview").put("matchedText", preview.matchedText()).put("url", preview.url())
                    .put("title", preview.title()).put("description", preview.description()).put("thumbnail", preview.thumbnail());
        }
    }

    /**
     * The file, or for a photo or video in HD its standard copy as {@code media} and the file itself as {@code hd}, which
     * the bridge sends second, associated to the first (PROTOCOL.md, {@code send}).
     */
    private static void media(OutgoingMedia media, ObjectNode request) {
        OutgoingMedia.StandardCopy standard = media.standard();
        ObjectNode first = request.putObject("media").put("kind", media.kind().name()).put("fileName", media.fileName())
                .put("caption", media.caption());
        if (standard == null) {
            facts(media.facts(), first.put("path", media.file().toAbsolutePath().toString()).put("mimeType", media.mimeType()));
            return;
        }
        facts(standard.facts(), first.put("path", standard.file().toAbsolutePath().toString()).put("mimeType", standard.mimeType()));
        facts(media.facts(), request.putObject("hd").put("path", media.file().toAbsolutePath().toString())
                .put("mimeType", media.mimeType()));
    }

    /** What the pod computed from the file (PROTOCOL.md, {@code send}): the bridge hands it to Baileys as it is. */
    private static void facts(MediaFacts facts, ObjectNode media) {
        media.put("seconds", facts.seconds()).put("waveform", facts.waveform()).put("width", facts.width())
                .put("height", facts.height()).put("thumbnail", facts.thumbnail()).put("animated", facts.animated())
                .put("gifPlayback", facts.gifPlayback());
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
            case MessageUpdate.EventResponse answer -> throw BaileysEngine.unsupported("Answering a calendar event");
            // the event as it is now, as its block ({event: …}): the bridge seals it with the event's secret
            case MessageUpdate.EventEdit edit -> BridgeBlocks.put(edit.event(), request.putObject("eventEdit"));
            case MessageUpdate.HdCopy copy -> throw new IllegalArgumentException("an HD copy is sent with its photo, never alone");
        }
    }
}
