package io.kubezap.api.v1alpha1;

/** Where a session is in its life; shown in the Phase column. */
public enum SessionPhase {
    /** Accepted, pod not yet scheduled (or held back, see the conditions). */
    Pending,
    /** Pod up, WhatsApp socket connecting. */
    Starting,
    /** Not linked yet: scan the QR in the Secret status.pairing.secretName names. */
    WaitingForQR,
    /** Not linked yet: type the pairing code in the Secret status.pairing.secretName names on the phone. */
    WaitingForPairingCode,
    /** The phone approved the link; WhatsApp waits for the account owner's passkey: answer status.passkey's challenge. */
    WaitingForPasskey,
    /** Linked and online. */
    Connected,
    /** Linked, connection lost, retrying with backoff. */
    Reconnecting,
    /** The device was unlinked (from the phone or by logout); pairing starts again. */
    LoggedOut,
    /** spec.suspend is true: no pod, credentials kept. */
    Suspended,
    /** Cannot proceed without a change (e.g. banned number, bad configuration); see the conditions. */
    Failed
}
