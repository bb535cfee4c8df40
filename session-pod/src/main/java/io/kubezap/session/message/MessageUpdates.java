package io.kubezap.session.message;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.contract.Jid;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies what happens to stored messages: reactions, edits, deletions for everyone, poll votes and a photo's or video's
 * HD original, whether they come
 * from WhatsApp or were just sent by this pod. Each is recorded with its event in one transaction. An update whose
 * message is not stored yet waits in {@code pending_message_updates} and is applied when the message arrives.
 */
@Singleton
public class MessageUpdates {

    private static final Logger LOG = Logger.getLogger(MessageUpdates.class);
    static final String DELETED_PREVIEW = "This message was deleted";

    private final SessionDb db;
    private final MessageRepository messages;
    private final PendingUpdateRepository pending;
    private final ChatRepository chats;
    private final EventRepository events;

    private final AddressBook addresses;

    public MessageUpdates(SessionDb db, MessageRepository messages, PendingUpdateRepository pending,
                          ChatRepository chats, EventRepository events, AddressBook addresses) {
        this.db = db;
        this.messages = messages;
        this.pending = pending;
        this.chats = chats;
        this.events = events;
        this.addresses = addresses;
    }

    /** An update WhatsApp reported. */
    public void received(EngineEvent.MessageUpdated told) {
        Instant now = Timestamps.now();
        db.inTransaction(handle -> {
            var update = named(handle, told);
            Optional<Message> target = messages.findByWaId(handle, update.target().chatJid(), update.target().messageId());
            if (target.isEmpty()) {
                pending.keep(handle, update, now);
            } else {
                apply(handle, target.get(), new Actor(update.actorJid(), update.fromMe()), update.update(), stamp(update.at(), now), now);
            }
            return null;
        });
    }

    /**
     * {@code update} with its chat, target's sender and actor by the number's JID where the session knows it: a
     * LID-addressed person's reaction, edit or deletion names the chat by LID, where the message is kept by number.
     */
    private EngineEvent.MessageUpdated named(Handle handle, EngineEvent.MessageUpdated update) {
        var target = update.target();
        var ref = new io.kubezap.session.engine.MessageRef(addresses.canonical(handle, target.chatJid()), target.messageId(),
                target.fromMe(), addresses.canonical(handle, target.senderJid()));
        return new EngineEvent.MessageUpdated(update.updateId(), ref, addresses.canonical(handle, update.actorJid()), update.fromMe(),
                update.update(), update.at());
    }

    /** An update this pod sent for {@code target}, by {@code actor} (the account); the message as it is now. */
    public Message sent(Message target, String actor, MessageUpdate update) {
        Instant now = Timestamps.now();
        return db.inTransaction(handle -> {
            apply(handle, target, new Actor(actor, true), update, now, now);
            return messages.find(handle, target.id()).orElseThrow();
        });
    }

    /** Applies, in order, whatever arrived for {@code message} before it did. */
    void applyWaiting(Handle handle, Message message) {
        if (message.waMessageId() == null) {
            return;
        }
        Instant now = Timestamps.now();
        for (EngineEvent.MessageUpdated update : pending.take(handle, message)) {
            Message current = messages.find(handle, message.id()).orElseThrow();
            apply(handle, current, new Actor(update.actorJid(), update.fromMe()), update.update(), stamp(update.at(), now), now);
        }
    }

    /** Who made an update: {@code fromMe}, the account (here or on another of its devices). */
    private record Actor(String jid, boolean fromMe) {
    }

    private void apply(Handle handle, Message target, Actor actor, MessageUpdate update, Instant at, Instant now) {
        switch (update) {
            case MessageUpdate.Reaction reaction -> react(handle, target, actor, reaction.emoji(), at, now);
            case MessageUpdate.Edit edit -> edit(handle, target, actor.jid(), edit.text(), at, now);
            case MessageUpdate.Revoke ignored -> revoke(handle, target, actor.jid(), at, now);
            case MessageUpdate.PollVote vote -> vote(handle, target, actor, vote, at, now);
            case MessageUpdate.EventResponse answer -> answer(handle, target, actor, answer, at, now);
            case MessageUpdate.EventEdit change -> changeEvent(handle, target, actor.jid(), change.event(), at, now);
            case MessageUpdate.HdCopy copy -> hdCopy(handle, target, actor.jid(), copy.media(), at);
        }
    }

    private void react(Handle handle, Message target, Actor actor, String emoji, Instant at, Instant now) {
        messages.recordReaction(handle, target.id(), actor.jid(), emoji, at);
        Map<String, Object> data = reference(target);
        data.put("from", actor.jid());
        data.put("fromMe", actor.fromMe());
        data.put("emoji", emoji == null ? "" : emoji);
        data.put("removed", emoji == null || emoji.isEmpty());
        data.put("at", at.toString());
        data.put("message", messages.find(handle, target.id()).orElseThrow());
        events.append(handle, new PendingEvent(EventCatalogue.MESSAGE_REACTION, data), now);
    }

    private void edit(Handle handle, Message target, String actor, String text, Instant at, Instant now) {
        if (!sameAccount(target.from(), actor)) {
            LOG.warnf("Ignored an edit of message %s by %s: only its sender may edit it", target.id(), actor);
            return;
        }
        if (target.delivery().editedAt() != null && at.isBefore(target.delivery().editedAt())) {
            return; // an older edit arriving late: the newer text stays
        }
        messages.recordEdit(handle, target, text, at);
        chats.refreshPreview(handle, target.asChatEntry(), text);
        announceEdit(handle, target, actor, at, now);
    }

    /** {@code message.edited}: the message as it is now, with the text it showed before. */
    private void announceEdit(Handle handle, Message target, String actor, Instant at, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", messages.find(handle, target.id()).orElseThrow());
        data.put("previousText", target.text());
        data.put("editedBy", actor);
        data.put("editedAt", at.toString());
        events.append(handle, new PendingEvent(EventCatalogue.MESSAGE_EDITED, data), now);
    }

    private void revoke(Handle handle, Message target, String actor, Instant at, Instant now) {
        if (!sameAccount(target.from(), actor)) {
            LOG.warnf("Ignored a deletion of message %s by %s: only its sender may delete it for everyone", target.id(), actor);
            return;
        }
        if (target.deletedAt() != null) {
            return;
        }
        messages.recordRevoke(handle, target.id(), actor, at);
        chats.refreshPreview(handle, target.asChatEntry(), DELETED_PREVIEW);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", messages.find(handle, target.id()).orElseThrow());
        data.put("deletedBy", actor);
        data.put("deletedAt", at.toString());
        events.append(handle, new PendingEvent(EventCatalogue.MESSAGE_REVOKED, data), now);
    }

    private void vote(Handle handle, Message target, Actor voter, MessageUpdate.PollVote vote, Instant at, Instant now) {
        if (!(target.content() instanceof MessageContent.Poll poll)) {
            LOG.warnf("Ignored a vote on message %s: it is not a poll", target.id());
            return;
        }
        messages.recordVote(handle, target.id(), voter.jid(), vote.options(), at);
        Map<String, Object> data = reference(target);
        data.put("voter", voter.jid());
        data.put("fromMe", voter.fromMe());
        data.put("options", vote.options());
        data.put("at", at.toString());
        data.put("poll", PollResults.tally(target, poll, messages.votes(handle, target.id())));
        events.append(handle, new PendingEvent(EventCatalogue.POLL_VOTE, data), now);
    }

    /** A guest's answer to an event, kept as a poll's vote is (one current answer per guest, its only option). */
    private void answer(Handle handle, Message target, Actor guest, MessageUpdate.EventResponse answer, Instant at, Instant now) {
        if (!(target.content() instanceof MessageContent.Event event)) {
            LOG.warnf("Ignored an answer on message %s: it is not an event", target.id());
            return;
        }
        messages.recordVote(handle, target.id(), guest.jid(), List.of(answer.response()), at);
        Map<String, Object> data = reference(target);
        data.put("responder", guest.jid());
        data.put("fromMe", guest.fromMe());
        data.put("response", answer.response());
        data.put("at", at.toString());
        data.put("event", event);
        data.put("responses", EventResponse.of(messages.votes(handle, target.id())));
        events.append(handle, new PendingEvent(EventCatalogue.EVENT_RESPONSE, data), now);
    }

    /** The creator changed or cancelled their event: announced as an edit, with the event as it is now. */
    private void changeEvent(Handle handle, Message target, String actor, MessageContent.Event event, Instant at, Instant now) {
        if (!sameAccount(target.from(), actor) || !(target.content() instanceof MessageContent.Event)) {
            LOG.warnf("Ignored a change of event %s by %s: only its creator may change it", target.id(), actor);
            return;
        }
        if (target.delivery().editedAt() != null && at.isBefore(target.delivery().editedAt())) {
            return; // an older change arriving late: the newer one stays
        }
        messages.recordContentEdit(handle, target, event, at);
        announceEdit(handle, target, actor, at, now);
    }

    /**
     * A photo or video's HD original, sent after it by its sender: the message shows it ({@code hd}) and its file is the
     * original's from now on. Only the sender's own photo or video of the same kind has one, as the apps group them.
     */
    private void hdCopy(Handle handle, Message target, String actor, MessageContent.Media original, Instant at) {
        if (!sameAccount(target.from(), actor) || !(target.content() instanceof MessageContent.Media shown)
                || shown.kind() != original.kind()) {
            LOG.warnf("Ignored an HD copy of message %s by %s: only its sender's photo or video of the same kind has one",
                    target.id(), actor);
            return;
        }
        messages.recordHdCopy(handle, target, original, at);
    }

    private static Map<String, Object> reference(Message target) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", target.id());
        data.put("waMessageId", target.waMessageId());
        data.put("chat", target.chat());
        return data;
    }

    private static Instant stamp(Instant at, Instant now) {
        return at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Two JIDs of one account (devices and the {@code c.us} spelling aside). */
    static boolean sameAccount(String a, String b) {
        try {
            return a != null && b != null && Objects.equals(Jid.parse(a), Jid.parse(b));
        } catch (IllegalArgumentException notAJid) {
            return false;
        }
    }
}
