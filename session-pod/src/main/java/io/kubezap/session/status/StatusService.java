package io.kubezap.session.status;

import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.engine.UnsupportedByEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageActions;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.message.Submission;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account's statuses (stories): posted to {@code status@broadcast} through the outbound queue like any message, seen
 * by the people chosen or by the account's saved contacts; deleted for everyone; contacts' statuses marked seen.
 */
@Singleton
public class StatusService {
    private static final Pattern COLOR = Pattern.compile("#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})");
    /** The fonts WhatsApp's {@code extendedTextMessage} names (sans serif, serif, Norican, Bryndan Write, Bebas Neue, Oswald). */
    static final int MAX_FONT = 5;

    private final SendIntake outgoing;
    private final ContactRepository contacts;
    private final MessageRepository messages;
    private final MessageActions actions;
    private final WhatsAppEngine engine;

    public StatusService(SendIntake outgoing, ContactRepository contacts, MessageRepository messages,
                         MessageActions actions, WhatsAppEngine engine) {
        this.outgoing = outgoing;
        this.contacts = contacts;
        this.messages = messages;
        this.actions = actions;
        this.engine = engine;
    }

    /** A text status's background ({@code #AARRGGBB}) and font; none for an image or video. */
    public record Look(String backgroundColor, Integer font) {
        static final Look NONE = new Look(null, null);
    }

    /**
     * Checks a status's look before anything else is read: {@code backgroundColor} {@code #RRGGBB} or {@code #AARRGGBB}
     * (default a WhatsApp green) and {@code font} 0–5 (default 0), for a text only.
     */
    public static Look look(String type, String backgroundColor, Integer font) {
        if (!"text".equals(type)) {
            if (backgroundColor != null || font != null) {
                throw Failure.invalid("backgroundColor", "only a text status has a background colour and a font");
            }
            return Look.NONE;
        }
        if (font != null && (font < 0 || font > MAX_FONT)) {
            throw Failure.invalid("font", "must be between 0 and " + MAX_FONT);
        }
        return new Look(color(backgroundColor), font == null ? 0 : font);
    }

    /**
     * Queues {@code status} (a send to {@code status@broadcast}) for {@code audience} (user JIDs), or for every saved
     * contact when none is given.
     */
    public Submission post(SendCommand status, Look look, List<String> audience, Optional<String> idempotencyKey,
                           Optional<TraceContext> trace) {
        requireStatuses();
        var post = new StatusPost(look.backgroundColor(), look.font(), audience == null || audience.isEmpty() ? savedContacts() : audience);
        return outgoing.submit(status.with(false, status.metadata(), status.traits().withStatus(post), status.pacing()),
                idempotencyKey, trace);
    }

    /** Deletes one of the account's statuses for everyone who could see it. */
    public Message delete(String id) {
        ownStatus(id);
        return actions.revoke(id);
    }

    /** Tells a contact that the account saw their status (the eye on their phone counts it). */
    public Message seen(String id) {
        Message status = status(id);
        if (status.fromMe()) {
            throw Failure.conflict("own-status", "Own status", "Status " + id + " is the account's own; only a contact's is seen");
        }
        requireStatuses();
        EngineCalls.await(engine.markRead(StatusPost.BROADCAST,
                List.of(new MessageRef(StatusPost.BROADCAST, status.waMessageId(), false, status.from()))));
        return status;
    }

    private void requireStatuses() {
        try {
            engine.requireStatuses();
        } catch (UnsupportedByEngine unsupported) {
            throw EngineCalls.unsupported(unsupported);
        }
    }

    private Message ownStatus(String id) {
        Message status = status(id);
        if (!status.fromMe()) {
            throw Failure.conflict("not-own-status", "Not your status", "Status " + id + " was posted by " + status.from());
        }
        return status;
    }

    private Message status(String id) {
        return messages.find(id).filter(found -> StatusPost.isStatus(found.chat()))
                .orElseThrow(() -> Failure.notFound("No status '" + id + "' in this session"));
    }

    private List<String> savedContacts() {
        List<String> saved = contacts.saved();
        if (saved.isEmpty()) {
            throw Failure.invalid("contacts", "the account has no saved contacts to show a status to: name the people (contacts)");
        }
        return saved;
    }

    private static String color(String given) {
        if (given == null) {
            return StatusPost.color(0xFF1E6E4F);
        }
        var matched = COLOR.matcher(given.trim());
        if (!matched.matches()) {
            throw Failure.invalid("backgroundColor", "must be #RRGGBB or #AARRGGBB");
        }
        var hex = matched.group(1).toUpperCase(java.util.Locale.ROOT);
        return "#" + (hex.length() == 6 ? "FF" + hex : hex);
    }
}
