package io.kubezap.session.runtime;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.qr.QrRenderer;
import io.kubezap.contract.SessionState;
import io.kubezap.session.state.SessionStateChanged;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Objects;

/** In local mode, prints each new QR code (and pairing code) in the terminal, ready to scan. */
@Singleton
public class TerminalQrPrinter {

    private final boolean localMode;

    @Inject
    public TerminalQrPrinter(SessionConfig config) {
        this(config.localMode());
    }

    TerminalQrPrinter(boolean localMode) {
        this.localMode = localMode;
    }

    void onStateChanged(@Observes SessionStateChanged change) {
        if (!localMode) {
            return;
        }
        SessionState after = change.after();
        if (after.qr() != null && !Objects.equals(after.qr(), change.before().qr())) {
            System.out.println("\nScan with WhatsApp (Linked devices → Link a device); valid until "
                    + after.qr().expiresAt() + ":\n" + QrRenderer.terminal(after.qr().code()));
        }
        if (after.pairingCode() != null && !Objects.equals(after.pairingCode(), change.before().pairingCode())) {
            System.out.println("\nPairing code: " + after.pairingCode().code() + " (valid until "
                    + after.pairingCode().expiresAt() + ")");
        }
        if (change.phaseChanged()) {
            System.out.println("Session " + after.name() + ": " + after.phase());
        }
    }
}
