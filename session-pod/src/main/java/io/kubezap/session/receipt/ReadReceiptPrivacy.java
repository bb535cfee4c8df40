package io.kubezap.session.receipt;

import io.kubezap.session.host.SessionThreads;
import io.kubezap.contract.PodPhase;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.state.SessionStateChanged;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * {@code spec.readReceipts.send}: the account's read receipts privacy ({@code readreceipts}: {@code all} or
 * {@code none}), set at each login, so that the resource says it whatever the phone changed meanwhile. With
 * {@code none} the engines send {@code read-self} receipts, which WhatsApp passes to the account's own devices only.
 */
@Singleton
public class ReadReceiptPrivacy {

    static final String CATEGORY = "readreceipts";
    private static final Logger LOG = Logger.getLogger(ReadReceiptPrivacy.class);

    private final HostedSessions sessions;
    private final AccountEngine account;

    public ReadReceiptPrivacy(HostedSessions sessions, AccountEngine account) {
        this.sessions = sessions;
        this.account = account;
    }

    /** The login of the session the change is about (named here): its own setting applies. */
    void onStateChanged(@Observes SessionStateChanged change) {
        if (!change.phaseChanged() || change.after().phase() != PodPhase.Connected) {
            return;
        }
        Optional<Boolean> send = sessions.current().config().readReceipts().send();
        // not on the thread that reports the login: the engine answers on it
        send.ifPresent(each -> SessionThreads.start("read-receipts-privacy", () -> apply(each)));
    }

    private void apply(boolean send) {
        String value = send ? "all" : "none";
        try {
            EngineCalls.await(account.setPrivacy(CATEGORY, value));
        } catch (RuntimeException refused) {
            LOG.warnf("Could not set the account's read receipts to %s: %s", value, refused.getMessage());
        }
    }
}
