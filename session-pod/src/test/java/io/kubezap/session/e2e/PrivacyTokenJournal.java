package io.kubezap.session.e2e;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's journal of what an account's companions did with privacy tokens ({@code privacy-token-journal}):
 * the tokens they issued (the IQ by which a client also asks for the contact's token) and the one-to-one messages
 * WhatsApp admitted or refused (463), in order.
 */
final class PrivacyTokenJournal {

    private final PodAgainstSimulator world;
    private final String owner;

    PrivacyTokenJournal(PodAgainstSimulator world, String owner) {
        this.world = world;
        this.owner = owner;
    }

    /** The entries about {@code customer}, oldest first. */
    List<Map<String, Object>> about(String customer) {
        return world.control().get("/api/phones/" + owner + "/privacy-token-journal").jsonPath().<Map<String, Object>>getList("$")
                .stream().filter(entry -> customer.equals(entry.get("contact"))).toList();
    }

    /** The sequence number of the newest entry about {@code customer}; 0 when there is none. */
    long lastAbout(String customer) {
        return about(customer).stream().mapToLong(PrivacyTokenJournal::sequence).max().orElse(0);
    }

    /**
     * Since the entry {@code after}, the message {@code waMessageId} to {@code customer} was admitted showing a token the
     * session already held: nothing refused, and no token asked for before it. {@code since} says what came before.
     */
    void assertShownWithoutAsking(String customer, long after, String waMessageId, String since) {
        var entries = about(customer).stream().filter(entry -> sequence(entry) > after).toList();
        assertThat(entries).as(since + ", WhatsApp refused the reply for want of the customer's token (463): the session"
                + " did not hold it").noneMatch(entry -> "refused".equals(entry.get("kind")));
        var admitted = entries.stream().filter(entry -> "admitted".equals(entry.get("kind")) && waMessageId.equals(entry.get("id")))
                .mapToLong(PrivacyTokenJournal::sequence).findFirst();
        assertThat(admitted).as("WhatsApp admitted the reply").isPresent();
        assertThat(entries).as(since + ", the session asked WhatsApp for the customer's token before replying: it did not"
                + " hold it").noneMatch(entry -> "issued".equals(entry.get("kind")) && sequence(entry) < admitted.getAsLong());
    }

    static long sequence(Map<String, Object> entry) {
        return ((Number) entry.get("sequence")).longValue();
    }
}
