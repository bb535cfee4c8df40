package io.kubezap.session.autoreply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per chat, how many texts in a row the contact wrote back to the AI responder faster than a person types
 * ({@code AiResponderSettings.typedTooFast}); the chats least recently heard from are forgotten beyond {@value #KEPT}.
 * Kept in memory: a restart gives a program three more answers at most.
 */
final class FastAnswers {

    static final int KEPT = 10_000;

    private final Map<String, Integer> inARow = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KEPT;
        }
    };

    /** Notes whether {@code chat}'s latest text came too fast; the count of such texts in a row, this one included. */
    synchronized int heard(String chat, boolean tooFast) {
        int count = tooFast ? inARow.getOrDefault(chat, 0) + 1 : 0;
        inARow.put(chat, count);
        return count;
    }
}
