package io.kubezap.simulator.stream;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the companions of each account did with privacy tokens, in the order the server saw it: each token they issued
 * (the privacy IQ, by which a client also asks for the contact's token) and each one-to-one message admitted or refused.
 * Lets a test tell a client that kept a contact's token from one that had to ask the server for it again.
 */
final class TokenJournal {
    static final String ISSUED = "issued";
    static final String ADMITTED = "admitted";
    /** Admitted showing a client-side token ({@code <cstoken>}) instead of the contact's. */
    static final String ADMITTED_BY_CLIENT_SIDE_TOKEN = "admitted-cstoken";
    static final String REFUSED = "refused";

    private final AtomicLong sequence = new AtomicLong();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** {@code id}: the IQ's or the message's. */
    record Entry(long sequence, String kind, String account, String contact, String id, Instant at) {
    }

    void add(String kind, String account, String contact, String id, Instant at) {
        entries.add(new Entry(sequence.incrementAndGet(), kind, account, contact, id, at));
    }

    List<Entry> of(String account) {
        return entries.stream().filter(entry -> entry.account().equals(account)).toList();
    }
}
