package io.kubezap.session.message;

import java.time.Instant;
import java.util.List;

/**
 * A guest's current answer to a calendar event (GOING, NOT_GOING, MAYBE), as {@code GET /messages/{id}} and
 * {@code event.response} list them, oldest first. Answers are kept as poll votes are, the answer as the only option.
 */
public record EventResponse(String responder, String response, Instant at) {

    static List<EventResponse> of(List<PollResults.Vote> kept) {
        return kept.stream().filter(vote -> !vote.options().isEmpty())
                .map(vote -> new EventResponse(vote.voter(), vote.options().getFirst(), vote.at())).toList();
    }
}
