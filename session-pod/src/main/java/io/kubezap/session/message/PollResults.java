package io.kubezap.session.message;

import io.kubezap.session.engine.MessageContent;
import java.time.Instant;
import java.util.List;

/** {@code GET /messages/{id}/poll}: the poll, each option's votes with its voters, and every voter's choice. */
public record PollResults(String messageId, String name, int selectableCount, List<Option> options, List<Vote> votes,
                          int voterCount) {

    public record Option(String name, int votes, List<String> voters) {
    }

    /** A voter's current choice; an empty one withdrew their vote. */
    public record Vote(String voter, List<String> options, Instant at) {
    }

    public static PollResults tally(Message message, MessageContent.Poll poll, List<Vote> votes) {
        List<Option> options = poll.options().stream().map(option -> {
            List<String> voters = votes.stream().filter(vote -> vote.options().contains(option)).map(Vote::voter).toList();
            return new Option(option, voters.size(), voters);
        }).toList();
        int voterCount = (int) votes.stream().filter(vote -> !vote.options().isEmpty()).count();
        return new PollResults(message.id(), poll.name(), poll.selectableCount(), options, votes, voterCount);
    }
}
