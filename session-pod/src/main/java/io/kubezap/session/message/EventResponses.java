package io.kubezap.session.message;

import java.time.Instant;
import java.util.List;

/**
 * A calendar event's answers as {@code GET /messages/{id}} and {@code event.response} show them: each guest's current
 * answer (GOING, NOT_GOING, MAYBE), oldest first. They are kept as poll votes are, the answer as the only option.
 */
public final class EventResponses {

    /** {@code responder}'s current {@code response}, given {@code at}. */
    public record Response(String responder, String response, Instant at) {
    }

    private EventResponses() {
    }

    static List<Response> of(List<PollResults.Vote> kept) {
        return kept.stream().filter(vote -> !vote.options().isEmpty())
                .map(vote -> new Response(vote.voter(), vote.options().getFirst(), vote.at())).toList();
    }
}
