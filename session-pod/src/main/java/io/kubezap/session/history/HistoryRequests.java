package io.kubezap.session.history;

import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks the phone for older messages of one chat than the oldest this session has; the phone answers later with a
 * history batch of type {@code on-demand} ({@code history.synced}).
 */
@Singleton
public class HistoryRequests {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 500;

    private final WhatsAppEngine engine;
    private final MessageRepository messages;

    public HistoryRequests(WhatsAppEngine engine, MessageRepository messages) {
        this.engine = engine;
        this.messages = messages;
    }

    /** What was asked for: the chat, the oldest message the phone is asked to go back from, how many, the request's id. */
    public Map<String, Object> request(String chatJid, int count) {
        Message oldest = messages.oldestInChat(chatJid).orElseThrow(() -> Failure.notFound(
                "No message of " + chatJid + " is stored: WhatsApp's on-demand history goes back from a message the session has"));
        var anchor = new MessageRef(chatJid, oldest.waMessageId(), oldest.fromMe(), oldest.from());
        String requestId = EngineCalls.await(engine.requestHistory(anchor, oldest.createdAt(), count));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("chat", chatJid);
        answer.put("before", oldest.id());
        answer.put("beforeWaMessageId", oldest.waMessageId());
        answer.put("count", count);
        answer.put("requestId", requestId);
        return answer;
    }
}
