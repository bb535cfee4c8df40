package io.kubezap.session.engine;

import java.util.List;

/** What the account changes of its business profile: each non-null field replaces WhatsApp's, the rest stay. */
public record BusinessProfileChange(String description, String address, String email, List<String> websites,
                                    BusinessHours hours) {
}
