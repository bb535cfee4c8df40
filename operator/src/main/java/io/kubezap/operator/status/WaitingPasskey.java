package io.kubezap.operator.status;

import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;

import java.time.Instant;
import java.util.Optional;

/**
 * WhatsApp's passkey challenge, while the session's pod waits for the owner's answer ({@code WaitingForPasskey}) and it
 * is valid: shown where the codes are ({@code status.passkey} unless the installation keeps codes in the pairing Secret
 * only, and the Secret).
 */
public final class WaitingPasskey {

    private WaitingPasskey() {
    }

    /** The challenge the pod shows, unless it has expired. */
    public static Optional<PasskeyChallenge> of(SessionState state, Instant now) {
        return shown(state).filter(challenge -> challenge.expiresAt() == null || !challenge.expiredAt(now));
    }

    /** The challenge the pod shows, expired or not (what the pairing Secret holds, as for the codes). */
    public static Optional<PasskeyChallenge> shown(SessionState state) {
        if (state == null || state.phase() != PodPhase.WaitingForPasskey || state.passkey() == null
                || state.passkey().challenge() == null) {
            return Optional.empty();
        }
        return Optional.of(state.passkey());
    }

    static void showIn(WhatsAppSessionStatus status, PasskeyChallenge challenge, CodePlacement placement) {
        if (placement == CodePlacement.STATUS_AND_SECRET) {
            status.setPasskey(challenge);
        }
    }
}
