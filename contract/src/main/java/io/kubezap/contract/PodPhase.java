package io.kubezap.contract;

/**
 * The phases a session pod reports in {@code GET /api/v1/sessions/{name}} ({@code phase}). The resource's phase adds
 * two the operator decides on its own (Pending, Suspended). {@code WaitingForPasskey}: the phone approved the link and
 * WhatsApp waits for the owner's passkey ({@link SessionState#passkey()}).
 */
public enum PodPhase {
    Starting, WaitingForQR, WaitingForPairingCode, WaitingForPasskey, Connected, Reconnecting, LoggedOut, Failed
}
