package io.kubezap.contract;

/**
 * The phases a session pod reports in {@code GET /api/v1/sessions/{name}} ({@code phase}). The resource's phase adds
 * two the operator decides on its own (Pending, Suspended).
 */
public enum PodPhase {
    Starting, WaitingForQR, WaitingForPairingCode, Connected, Reconnecting, LoggedOut, Failed
}
