package io.kubezap.session.engine;

import java.util.List;

/** A group as WhatsApp describes it. Roles are {@code superadmin}, {@code admin} or {@code member}. */
public record GroupInfo(String jid, String subject, String description, String owner, boolean announce, boolean locked,
                        List<Participant> participants) {

    public record Participant(String jid, String role) {
    }

    /** What a participant change did to one account: WhatsApp's code (200 done, 403 privacy, 404 not on WhatsApp/not in, 409 already in). */
    public record Outcome(String jid, int code) {
    }
}
