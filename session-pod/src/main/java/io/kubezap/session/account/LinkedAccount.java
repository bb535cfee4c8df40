package io.kubezap.session.account;

import io.kubezap.contract.Account;
import io.kubezap.contract.PodPhase;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.inject.Singleton;

/** The account the session is linked to, while it is connected: what changing the account needs. */
@Singleton
class LinkedAccount {

    private final SessionStateMachine state;

    LinkedAccount(SessionStateMachine state) {
        this.state = state;
    }

    /** 503 {@code session-not-connected} unless the session is connected. */
    Account require() {
        var current = state.current();
        if (current.phase() != PodPhase.Connected || current.account() == null || current.account().jid() == null) {
            throw new Failure(Failure.Kind.UNAVAILABLE, "session-not-connected", "Session not connected",
                    "The session is " + current.phase() + "; the account's profile and privacy need a live connection to WhatsApp");
        }
        return current.account();
    }
}
