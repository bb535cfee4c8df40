package io.kubezap.session.autoreply;

import io.kubezap.session.airesponder.ChatCompletions;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * {@code ai_responder_turns}: what the responder and a chat said to each other, newest {@code window} turns kept; the
 * older ones are deleted as each exchange is written, so a chat's memory never outgrows its window.
 */
@Singleton
public class AiMemory {

    private final SessionDb db;

    public AiMemory(SessionDb db) {
        this.db = db;
    }

    /** The chat's last {@code window} turns, oldest first. */
    public List<ChatCompletions.Turn> recall(String chat, int window) {
        List<ChatCompletions.Turn> newestFirst = db.read(handle -> db.query(handle, """
                        select role, content from ai_responder_turns
                        where namespace = :ns and session = :session and chat_jid = :chat
                        order by turn desc limit :window""")
                .bind("chat", chat).bind("window", window)
                .map(rs -> new ChatCompletions.Turn(rs.getString("role"), rs.getString("content"))).list());
        return newestFirst.reversed();
    }

    /** The contact's text and the answer sent to it, as two turns; then only the newest {@code window} are kept. */
    public void remember(String chat, String asked, String answered, int window) {
        var at = Timestamps.now();
        db.useTransaction(handle -> {
            for (ChatCompletions.Turn turn : List.of(new ChatCompletions.Turn("user", asked), new ChatCompletions.Turn("assistant", answered))) {
                db.update(handle, """
                                insert into ai_responder_turns (namespace, session, chat_jid, role, content, created_at)
                                values (:ns, :session, :chat, :role, :content, :at)""")
                        .bind("chat", chat).bind("role", turn.role()).bind("content", turn.content()).bind("at", at).execute();
            }
            db.update(handle, """
                            delete from ai_responder_turns
                            where namespace = :ns and session = :session and chat_jid = :chat and turn < (
                                select min(turn) from (select turn from ai_responder_turns
                                    where namespace = :ns and session = :session and chat_jid = :chat
                                    order by turn desc limit :window) kept)""")
                    .bind("chat", chat).bind("window", window).execute();
        });
    }
}
