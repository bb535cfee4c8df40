package io.kubezap.operator.status;

import io.kubezap.api.v1alpha1.PairingStatus;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.SessionState;
import io.kubezap.contract.SessionObjectNames;

import java.time.Instant;
import java.util.Optional;

/**
 * The code a session's pod shows to link a phone, while it waits for one and the code is valid: the QR payload while
 * {@code WaitingForQR}, the pairing code while {@code WaitingForPairingCode}. The code goes into the session's
 * pairing Secret, and into the status unless the installation keeps it out ({@link #showIn}).
 */
public record WaitingCode(PairingMethod method, ExpiringCode code) {

    /** The code the pod shows, unless its expiry has passed: what the status tells of. */
    public static Optional<WaitingCode> of(SessionState state, Instant now) {
        return shown(state).filter(waiting -> waiting.code.expiresAt() == null || !waiting.code.expiredAt(now));
    }

    /**
     * The code the pod shows, expired or not: what the pairing Secret holds. An expired code links nothing, and the
     * pod replaces it; judging expiry once, in the status, keeps the Secret's precondition and content in step.
     */
    public static Optional<WaitingCode> shown(SessionState state) {
        if (state == null || state.phase() == null) {
            return Optional.empty();
        }
        return switch (state.phase()) {
            case WaitingForQR -> present(state.qr()).map(code -> new WaitingCode(PairingMethod.QR, code));
            case WaitingForPairingCode -> present(state.pairingCode())
                    .map(code -> new WaitingCode(PairingMethod.PairingCode, code));
            default -> Optional.empty();
        };
    }

    /** What the status shows of it: its kind, the Secret that holds it and its expiry, never the code. */
    public PairingStatus status(String session) {
        return new PairingStatus(method, SessionObjectNames.pairingSecretName(session), code.expiresAt());
    }

    /**
     * Puts it in {@code status}: always its kind, Secret and expiry ({@code pairing}); the code itself
     * ({@code qr} or {@code pairingCode}) only where the installation shows codes in the status.
     */
    public void showIn(WhatsAppSessionStatus status, String session, CodePlacement placement) {
        status.setPairing(status(session));
        if (placement == CodePlacement.STATUS_AND_SECRET) {
            status.setQr(method == PairingMethod.QR ? code : null);
            status.setPairingCode(method == PairingMethod.PairingCode ? code : null);
        }
    }

    /** The key of the pairing Secret that holds this code. */
    public String secretKey() {
        return method == PairingMethod.QR ? SessionObjectNames.PAIRING_QR_KEY : SessionObjectNames.PAIRING_CODE_KEY;
    }

    private static Optional<ExpiringCode> present(ExpiringCode code) {
        return code == null || code.code() == null ? Optional.empty() : Optional.of(code);
    }
}
