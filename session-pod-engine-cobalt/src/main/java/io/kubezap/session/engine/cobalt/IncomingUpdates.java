package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.message.model.ChatMessageKey;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.standard.PollUpdateMessage;
import it.auties.whatsapp.model.message.standard.ReactionMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads reactions, edits, deletions for everyone, poll votes, event answers and HD originals out of Cobalt's messages. Edits and deletions reach the
 * listener only because the pod's {@code ServerMessage} (see there) lets them through; votes are opened by
 * {@link PollVotes}.
 */
final class IncomingUpdates {

    private static final Logger LOG = Logger.getLogger(IncomingUpdates.class);

    private IncomingUpdates() {
    }

    static boolean isUpdate(ChatMessageInfo info) {
        if (info.message().encEventResponseMessage().isPresent() || info.message().associatedChildMessage().isPresent()) {
            return true;
        }
        return switch (info.message().content()) {
            case ReactionMessage ignored -> true;
            case PollUpdateMessage ignored -> true;
            case ProtocolMessage protocol -> protocol.protocolType() == ProtocolMessage.Type.MESSAGE_EDIT
                    || protocol.protocolType() == ProtocolMessage.Type.REVOKE;
            default -> false;
        };
    }

    static Optional<EngineEvent.MessageUpdated> from(MessageInfo<?> message, Store store, Instant receivedAt) {
        if (!(message instanceof ChatMessageInfo info) || !isUpdate(info)) {
            return Optional.empty();
        }
        Instant at = info.timestampSeconds().isPresent() ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong()) : receivedAt;
        var eventResponse = info.message().encEventResponseMessage();
        if (eventResponse.isPresent()) {
            return eventAnswer(info, eventResponse.get(), store, at);
        }
        if (info.message().associatedChildMessage().isPresent()) {
            return HdOriginals.received(info.message(), info.chatJid())
                    .map(hd -> updated(info, hd.standardCopy(), new MessageUpdate.HdCopy(hd.original()), at));
        }
        return switch (info.message().content()) {
            case ReactionMessage reaction -> Optional.of(updated(info, reaction.key(),
                    new MessageUpdate.Reaction(reaction.content() == null ? "" : reaction.content()), at));
            case ProtocolMessage protocol when protocol.protocolType() == ProtocolMessage.Type.REVOKE && protocol.key().isPresent() ->
                    Optional.of(updated(info, protocol.key().get(), new MessageUpdate.Revoke(), at));
            case ProtocolMessage protocol when protocol.key().isPresent() -> editedText(protocol)
                    .map(text -> updated(info, protocol.key().get(), new MessageUpdate.Edit(text),
                            protocol.timestampMilliseconds() > 0 ? Instant.ofEpochMilli(protocol.timestampMilliseconds()) : at));
            case PollUpdateMessage vote -> vote(info, vote, store).map(options -> updated(info, vote.pollCreationMessageKey(),
                    new MessageUpdate.PollVote(options), at));
            default -> Optional.empty();
        };
    }

    private static EngineEvent.MessageUpdated updated(ChatMessageInfo info, ChatMessageKey target, MessageUpdate update, Instant at) {
        // the key names the target as its author sees the chat: the chat is the one the update arrived in
        var ref = new MessageRef(info.chatJid().toString(), target.id(), target.fromMe() == info.fromMe(),
                target.senderJid().map(Object::toString).orElse(null));
        return new EngineEvent.MessageUpdated(info.id(), ref, info.senderJid().toSimpleJid().toString(), info.fromMe(), update, at);
    }

    private static Optional<String> editedText(ProtocolMessage protocol) {
        return protocol.editedMessage().map(container -> textOf(container.content()));
    }

    private static String textOf(Message content) {
        return switch (content) {
            case TextMessage text -> text.text();
            case MediaMessage<?> media -> IncomingMessageMapper.content(media).text();
            default -> null;
        };
    }

    /** A guest's answer to an event this session sent; empty (and said) when it does not open. */
    private static Optional<EngineEvent.MessageUpdated> eventAnswer(ChatMessageInfo info, byte[] sealed, Store store, Instant at) {
        var answer = EventSecrets.answer(info, sealed, store);
        if (answer.isEmpty()) {
            LOG.warnf("An answer (message %s) to an event could not be read: the event or its secret is not in the engine's store",
                    info.id());
            return Optional.empty();
        }
        // as the guest wrote it: not its own message (only the events this session sent open here)
        var event = new ChatMessageKeyBuilder().id(answer.get().eventId()).chatJid(info.chatJid()).fromMe(info.fromMe()).build();
        return Optional.of(updated(info, event, new MessageUpdate.EventResponse(answer.get().answer()), at));
    }

    /** The chosen option names, or empty when the vote could not be read. */
    private static Optional<List<String>> vote(ChatMessageInfo info, PollUpdateMessage vote, Store store) {
        var options = PollVotes.open(info, vote, store);
        if (options.isEmpty()) {
            LOG.warnf("A vote (message %s) on poll %s could not be read: the poll or its secret is not in the engine's store",
                    info.id(), vote.pollCreationMessageKey().id());
        }
        return options;
    }
}
