package io.kubezap.session.message;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.EngineCalls;

import io.kubezap.contract.PodPhase;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.OutgoingUpdate;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a user does to a stored message: react, edit, delete for everyone (sent to WhatsApp now, recorded once it
 * accepted), or hide it here. Refusals are decided before anything is sent, so a refused request changes nothing.
 */
@Singleton
public class MessageActions {

    /** WhatsApp lets a sender edit a message for 15 minutes, and delete it for everyone for about 2 days and 12 hours. */
    static final Duration EDIT_WINDOW = Duration.ofMinutes(15);
    static final Duration REVOKE_WINDOW = Duration.ofHours(60);
    private static final Set<MediaKind> CAPTIONED = EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.DOCUMENT);

    private final MessageRepository messages;
    private final MessageUpdates updates;
    private final WhatsAppEngine engine;
    private final SessionStateMachine state;

    public MessageActions(MessageRepository messages, MessageUpdates updates, WhatsAppEngine engine,
                          SessionStateMachine state) {
        this.messages = messages;
        this.updates = updates;
        this.engine = engine;
        this.state = state;
    }

    /** Reacts with {@code emoji}; an empty one takes this account's reaction back. */
    public Message react(String id, String emoji) {
        Message target = sentOrReceived(id);
        if (target.deletedAt() != null) {
            throw Failure.conflict("message-deleted", "Message deleted", "Message " + id + " was deleted for everyone");
        }
        return send(target, new MessageUpdate.Reaction(emoji == null ? "" : emoji));
    }

    public Message edit(String id, String text) {
        Message target = ownWithin(id, EDIT_WINDOW, "edited");
        if (!editable(target.content())) {
            throw Failure.conflict("not-editable", "Message not editable",
                    "Only texts and captions can be edited; message " + id + " is a " + target.type()
                            + (target.text() == null ? " without a caption" : ""));
        }
        return send(target, new MessageUpdate.Edit(text));
    }

    /** A text, or a captioned image, video or document: what WhatsApp lets its sender edit. */
    private static boolean editable(MessageContent content) {
        return switch (content) {
            case MessageContent.Text ignored -> true;
            case MessageContent.Media media -> CAPTIONED.contains(media.kind()) && media.caption() != null;
            case MessageContent.Structured ignored -> false;
            case MessageContent.Other ignored -> false;
        };
    }

    public Message revoke(String id) {
        Message target = ownWithin(id, REVOKE_WINDOW, "deleted for everyone");
        if (target.deletedAt() != null) {
            return target;
        }
        return send(target, new MessageUpdate.Revoke());
    }

    /** Hides the message from this session's lists ("delete for me"); WhatsApp is not told. */
    public Message hide(String id) {
        messages.find(id).orElseThrow(() -> Failure.notFound("No message '" + id + "' in this session"));
        messages.hide(id, Timestamps.now());
        return messages.find(id).orElseThrow();
    }

    private Message sentOrReceived(String id) {
        Message target = messages.find(id).orElseThrow(() -> Failure.notFound("No message '" + id + "' in this session"));
        if (target.waMessageId() == null) {
            throw Failure.conflict("message-not-sent", "Message not sent yet",
                    "Message " + id + " is " + target.status().wire() + ": WhatsApp does not know it yet");
        }
        return target;
    }

    /** A calendar event this account created and did not delete: its creator may change or cancel it at any time. */
    public Message ownEvent(String id) {
        Message target = own(id, "changed");
        if (!(target.content() instanceof MessageContent.Event)) {
            throw Failure.conflict("not-an-event", "Not an event", "Message " + id + " is a " + target.type() + ", not an event");
        }
        return target;
    }

    /** Sends {@code event}'s change (or cancellation) to its chat: its guests' cards show {@code now}. */
    public Message changeEvent(Message event, MessageContent.Event now) {
        return send(event, new MessageUpdate.EventEdit(now));
    }

    private Message ownWithin(String id, Duration window, String what) {
        Message target = own(id, what);
        Instant deadline = target.createdAt().plus(window);
        if (Timestamps.now().isAfter(deadline)) {
            throw Failure.conflict("window-passed", "Too late",
                    "WhatsApp lets a message be " + what + " only within " + describe(window) + " of sending; message "
                            + id + " was sent at " + target.createdAt());
        }
        return target;
    }

    private Message own(String id, String what) {
        Message target = sentOrReceived(id);
        if (!target.fromMe()) {
            throw Failure.conflict("not-own-message", "Not your message",
                    "Message " + id + " was written by " + target.from() + "; only its sender can have it " + what);
        }
        if (target.deletedAt() != null && !what.startsWith("deleted")) {
            throw Failure.conflict("message-deleted", "Message deleted", "Message " + id + " was deleted for everyone");
        }
        return target;
    }

    private Message send(Message target, MessageUpdate update) {
        var account = state.current().account();
        if (state.current().phase() != PodPhase.Connected || account == null) {
            throw new Failure(Failure.Kind.UNAVAILABLE, "session-not-connected", "Session not connected",
                    "The session is " + state.current().phase() + "; this needs a live connection to WhatsApp");
        }
        var ref = new MessageRef(target.chat(), target.waMessageId(), target.fromMe(), target.from());
        // the target's traits: a status's update goes to the status's audience
        EngineCalls.await(engine.send(new OutgoingUpdate(ref, update, target.traits()), io.kubezap.session.engine.MessageIds.next()));
        return updates.sent(target, account.jid(), update);
    }

    private static String describe(Duration window) {
        return window.toHours() >= 1 ? window.toHours() + " hours" : window.toMinutes() + " minutes";
    }
}
