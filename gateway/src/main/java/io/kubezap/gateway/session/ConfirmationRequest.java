package io.kubezap.gateway.session;

import io.kubezap.gateway.auth.SessionAudit;

import java.util.Locale;

/**
 * What a user confirms: the action ({@code delete}, {@code suspend}, {@code logout}) on the session it typed the name
 * of, in {@code namespace} (unset: the gateway's default).
 */
public record ConfirmationRequest(String action, String namespace, String session) {

    /** The action named, or null when it names none of them. */
    SessionAudit.Action actionNamed() {
        try {
            return action == null ? null : SessionAudit.Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
