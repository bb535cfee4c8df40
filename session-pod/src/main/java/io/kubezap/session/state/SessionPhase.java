package io.kubezap.session.state;

/** The session's phase as the operator copies it into the resource status. */
public enum SessionPhase {
    Starting, WaitingForQR, WaitingForPairingCode, Connected, Reconnecting, LoggedOut, Failed
}
