package io.kubezap.session.message;

import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.db.Timestamps;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of messages: pages, one message with its history, stats. */
@Singleton
public class MessageQueries {

    private static final int LATEST = 10;

    private final MessageRepository messages;
    private final ParticipantReceipts receipts;

    public MessageQueries(MessageRepository messages, ParticipantReceipts receipts) {
        this.messages = messages;
        this.receipts = receipts;
    }

    /** A message's receipts per group participant; empty for a message that is not in a group or not ours. */
    public Optional<List<ParticipantReceipt>> receipts(String id) {
        return messages.find(id).map(message -> receipts.of(id));
    }

    public MessagePage page(MessageFilter filter, Optional<MessageCursor> before, int limit) {
        // one extra row says whether another page follows, without a count
        List<Message> rows = messages.page(filter, before, limit + 1);
        if (rows.size() <= limit) {
            return new MessagePage(rows, null);
        }
        List<Message> page = rows.subList(0, limit);
        return new MessagePage(List.copyOf(page), MessageCursor.after(page.getLast()).encode());
    }

    /** A page of one chat's messages ({@code filter} names the chat), with how many the filter lets through in all. */
    public ChatMessagePage chatPage(MessageFilter filter, Optional<MessageCursor> before, int limit) {
        MessagePage page = page(filter, before, limit);
        return new ChatMessagePage(page.items(), page.nextCursor(), messages.count(filter));
    }

    public Optional<MessageDetail> detail(String id) {
        return messages.find(id).map(message -> {
            MessageDetail.Marks marks = messages.marks(id);
            List<Message> album = message.content() instanceof MessageContent.Album && message.waMessageId() != null
                    ? messages.albumItems(message) : null;
            return new MessageDetail(message, messages.statusHistory(id), marks.starred(), marks.labels(), album,
                    message.content() instanceof MessageContent.Event ? EventResponse.of(messages.votes(id)) : null);
        });
    }

    public MessagePage deleted(Optional<String> chat, Optional<MessageCursor> before, int limit) {
        List<Message> rows = messages.deleted(chat, before, limit + 1);
        if (rows.size() <= limit) {
            return new MessagePage(rows, null);
        }
        List<Message> page = rows.subList(0, limit);
        Message last = page.getLast();
        return new MessagePage(List.copyOf(page), new MessageCursor(last.deletedAt(), last.id()).encode());
    }

    public Optional<MessageEdits> edits(String id) {
        return messages.find(id).map(message -> MessageEdits.of(message, messages.edits(id)));
    }

    /** The results of a poll; empty when there is no such message or it is not a poll. */
    public Optional<PollResults> poll(String id) {
        return messages.find(id)
                .filter(message -> message.content() instanceof MessageContent.Poll)
                .map(message -> PollResults.tally(message, (MessageContent.Poll) message.content(), messages.votes(id)));
    }

    public MessageStats stats() {
        return new MessageStats(
                messages.countByDirectionAndStatus(Instant.EPOCH),
                messages.countByDirectionAndStatus(Timestamps.now().minus(Duration.ofHours(24))),
                messages.page(MessageFilter.none(), Optional.empty(), LATEST));
    }
}
