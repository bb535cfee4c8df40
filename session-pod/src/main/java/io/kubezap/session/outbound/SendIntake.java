package io.kubezap.session.outbound;

import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.message.Submission;
import io.kubezap.session.address.AddressBook;

import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.disappearing.DisappearingTimers;
import io.kubezap.session.db.SqlStep;
import io.kubezap.session.db.Handle;
import io.kubezap.session.engine.MessageIds;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.UnsupportedByEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.group.GroupService;
import io.kubezap.session.metrics.SessionMetrics;
import io.kubezap.session.outbound.OutboundQueueRepository;
import io.kubezap.session.outbound.OutboundWorker;
import io.kubezap.session.failure.Failure;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.session.state.SessionStateMachine;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts sends: the message and its queue row are committed before the worker (and so the engine) sees
 * them. A paired session that is momentarily down still accepts (the message waits as {@code queued});
 * a session never paired, logged out or failed refuses and stores nothing.
 */
@Singleton
public class SendIntake {

    private final SessionDb db;
    private final MessageRepository messages;
    private final ChatRepository chats;
    private final OutboundQueueRepository queue;
    private final OutboundWorker worker;
    private final SessionStateMachine state;
    private final WhatsAppEngine engine;
    private final SessionMetrics metrics;
    private final AddressBook addresses;
    private final GroupService groups;
    private final DisappearingTimers disappearing;

    public SendIntake(SessionDb db, MessageRepository messages, ChatRepository chats,
                            OutboundQueueRepository queue, OutboundWorker worker, SessionStateMachine state,
                            WhatsAppEngine engine, SessionMetrics metrics, AddressBook addresses, GroupService groups,
                            DisappearingTimers disappearing) {
        this.disappearing = disappearing;
        this.addresses = addresses;
        this.groups = groups;
        this.db = db;
        this.messages = messages;
        this.chats = chats;
        this.queue = queue;
        this.worker = worker;
        this.state = state;
        this.engine = engine;
        this.metrics = metrics;
    }

    /**
     * Sends a stored message's content again to {@code to}, marked forwarded (one more time than it was); a media
     * message's file is uploaded again from the session's volume. A view-once message cannot be forwarded.
     */
    public Submission forward(String messageId, String to, Map<String, String> metadata, Optional<String> idempotencyKey) {
        Message original = messages.find(messageId).orElseThrow(() -> Failure.notFound("No message '" + messageId + "' in this session"));
        if (original.traits().viewOnce()) {
            throw Failure.conflict("view-once-not-forwardable", "View-once message",
                    "WhatsApp does not let a view-once message be forwarded");
        }
        if (original.deletedAt() != null) {
            throw Failure.conflict("message-deleted", "Message deleted", "Message " + messageId + " was deleted for everyone");
        }
        if (original.content() instanceof MessageContent.Other || original.content() instanceof MessageContent.Album
                || original.content() instanceof MessageContent.Order || original.content() instanceof MessageContent.Choice) {
            // an album's first message is nothing without its items: its photos and videos are forwarded one by one;
            // an order is the customer's to its seller, and a choice the reader's answer to one message, as in WhatsApp's apps
            throw Failure.conflict("not-forwardable", "Not forwardable", "A " + original.type() + " message cannot be forwarded");
        }
        SendCommand command = new SendCommand(to, original.content(), null, null, List.of())
                .with(false, metadata, original.traits().forwardedOnceMore(), SendCommand.Pacing.NONE);
        return submit(command, idempotencyKey);
    }

    public Submission submit(SendCommand command, Optional<String> idempotencyKey) {
        return submit(command, idempotencyKey, Optional.empty());
    }

    /** {@code trace}: the context of the request that sends it, which the message's later events carry on. */
    public Submission submit(SendCommand command, Optional<String> idempotencyKey, Optional<TraceContext> trace) {
        Optional<Submission> earlier = earlier(command, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        SessionState session = requireSendable(command.content());
        if (command.mentionAll()) {
            command = command.withMentions(everyoneIn(command.to(), session.account().jid()));
        }
        SendCommand send = command;
        Instant now = Timestamps.now();
        Submission submission = db.inTransaction(handle -> stored(handle, session, send, null, now, idempotencyKey, trace)
                .orElseGet(() -> concurrentTwin(handle, idempotencyKey, send)));
        accepted(submission, 1);
        return submission;
    }

    /**
     * An album: its first message ({@code album}, of type {@code album}) and its photos and videos, stored and queued
     * together in one transaction and sent in that order. The first message's WhatsApp id is fixed now and each item
     * names it ({@code traits.albumId}), so that items sent after a restart still name the same album. An
     * Idempotency-Key replays the album by its first message.
     */
    public Submission submitAlbum(SendCommand album, List<SendCommand> items, Optional<String> idempotencyKey,
                                  Optional<TraceContext> trace) {
        Optional<Submission> earlier = earlier(album, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        SessionState session = requireSendable(album.content());
        String albumId = MessageIds.next();
        Instant now = Timestamps.now();
        Submission submission = db.inTransaction(handle -> {
            Optional<Submission> first = stored(handle, session, album, albumId, now, idempotencyKey, trace);
            if (first.isEmpty()) {
                return concurrentTwin(handle, idempotencyKey, album);
            }
            for (int i = 0; i < items.size(); i++) {
                SendCommand item = items.get(i);
                // a microsecond apart: the queue and the album's item list keep the order they were given in
                stored(handle, session, item.with(false, item.metadata(), item.traits().inAlbum(albumId), item.pacing()), null,
                        now.plus(i + 1L, ChronoUnit.MICROS), Optional.empty(), trace);
            }
            return first.get();
        });
        accepted(submission, items.size() + 1);
        return submission;
    }

    /** The message an earlier request with the same Idempotency-Key stored, as this one's answer. */
    private Optional<Submission> earlier(SendCommand command, Optional<String> idempotencyKey) {
        return idempotencyKey.flatMap(key -> db.read(h -> messages.findByIdempotencyKey(h, key))).map(original -> replay(original, command));
    }

    /** A concurrent request with the same key won the insert. */
    private Submission concurrentTwin(Handle handle, Optional<String> idempotencyKey, SendCommand command) {
        return replay(messages.findByIdempotencyKey(handle, idempotencyKey.orElseThrow()).orElseThrow(), command);
    }

    private void accepted(Submission submission, int count) {
        if (!submission.replayed()) {
            for (int i = 0; i < count; i++) {
                metrics.counted(Direction.OUT.wire(), MessageStatus.QUEUED.wire());
            }
            worker.wake();
        }
    }

    /**
     * Stores the message of {@code send} with its first history entry, its chat and its queue row (under
     * {@code waMessageId} when it is fixed already, else null); empty when a message with the same key is stored.
     */
    private Optional<Submission> stored(Handle handle, SessionState session, SendCommand send, String waMessageId, Instant now,
                                        Optional<String> idempotencyKey, Optional<TraceContext> trace) {
        String quoted = send.quotedMessageId() == null ? null : messages.find(handle, send.quotedMessageId())
                .map(Message::waMessageId).orElse(send.quotedMessageId());
        String id = UUID.randomUUID().toString();
        Message message = Message.fresh(id, waMessageId, send.to(), session.account().jid(),
                session.account().pushName(), Direction.OUT, Message.FROM_API, send.content(), messages.mediaUrl(id),
                quoted, send.mentions(), MessageStatus.QUEUED, now, now)
                .withExtras(send.metadata(), send.traits());
        message = message.withAddress(addresses.resolve(handle, Message.person(message.chat(), message.from())));
        // as WhatsApp's apps do: a message in a chat with disappearing messages carries the chat's expiration
        message = message.withExtras(send.metadata(), send.traits().expiringAfter(disappearing.seconds(handle, message.chat())));
        // message, first history entry, chat and queue row in one round trip (accept latency,
        // docs/benchmarks/2026-11-23-session-pod-stop-29-webhooks-on-vertx.md)
        String inserted = MessageRepository.FROM_INSERTED;
        List<SqlStep> withIt = List.of(messages.historyStep(message.id(), MessageStatus.QUEUED, null, now, inserted),
                chats.recordMessageStep(null, message.asChatEntry(), inserted),
                queue.enqueueStep(message.id(), now, send.pacing(), waMessageId, inserted));
        if (!messages.insertWith(handle, message, idempotencyKey.orElse(null), trace.orElse(null), withIt)) {
            return Optional.empty();
        }
        if (send.mediaSource() != null) {
            messages.recordMediaSource(handle, message.id(), send.mediaSource());
        }
        return Optional.of(new Submission(message, false));
    }

    /** The original message, when the repeated request asks for the same send; a key reused for another is refused. */
    private static Submission replay(Message original, SendCommand command) {
        boolean sameSend = original.chat().equals(command.to())
                && (command.mentionAll() || original.mentions().equals(command.mentions()))
                && original.metadata().equals(command.metadata()) && sameContent(original.content(), command.content());
        if (!sameSend) {
            throw new Failure(Failure.Kind.UNPROCESSABLE, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different message (" + original.id() + "); use a new key");
        }
        return new Submission(original, true);
    }

    /**
     * The same content; a replayed media send carries the same file (compared by hash; a URL send before its fetch by
     * the file name) with the same caption.
     */
    private static boolean sameContent(MessageContent original, MessageContent again) {
        if (original instanceof MessageContent.Media first && again instanceof MessageContent.Media second) {
            boolean sameFile = first.sha256() == null || second.sha256() == null
                    ? java.util.Objects.equals(first.fileName(), second.fileName())
                    : first.sha256().equals(second.sha256());
            return first.kind() == second.kind() && sameFile && java.util.Objects.equals(first.caption(), second.caption());
        }
        return original.equals(again);
    }

    /** Every member of the group but the account itself, as WhatsApp lists them now. */
    private List<String> everyoneIn(String groupJid, String accountJid) {
        String self = accountJid == null ? "" : accountJid.substring(0, accountJid.indexOf('@')).split(":")[0];
        return groups.get(groupJid).participants().stream().map(GroupInfo.Participant::jid)
                .filter(jid -> !jid.startsWith(self + "@")).toList();
    }

    /** The session, when it can send now or later and its engine can send {@code content}'s kind (else 501). */
    private SessionState requireSendable(MessageContent content) {
        SessionState session = requireSendable();
        try {
            engine.requireSendable(content.type());
        } catch (UnsupportedByEngine unsupported) {
            throw EngineCalls.unsupported(unsupported);
        }
        return session;
    }

    private SessionState requireSendable() {
        SessionState session = state.current();
        PodPhase phase = session.phase();
        boolean sendable = phase == PodPhase.Connected || phase == PodPhase.Reconnecting
                || (phase == PodPhase.Starting && engine.isPaired() && session.paired());
        if (sendable && session.paired()) {
            return session;
        }
        if (phase == PodPhase.Failed) {
            throw Failure.conflict("session-failed", "Session failed",
                    "The session cannot send: " + describe(session));
        }
        throw Failure.conflict("session-not-paired", "Session not paired",
                "The session is not linked to a WhatsApp account (phase " + phase + "); link it first");
    }

    private static String describe(SessionState session) {
        return session.lastError() == null ? "phase " + session.phase()
                : session.lastError().reason() + ": " + session.lastError().message();
    }
}
