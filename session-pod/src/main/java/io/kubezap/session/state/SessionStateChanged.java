package io.kubezap.session.state;

import io.kubezap.contract.SessionState;

/** Fired (synchronously, after the change is recorded) whenever the session state changes. */
public record SessionStateChanged(SessionState before, SessionState after) {

    public boolean phaseChanged() {
        return before.phase() != after.phase();
    }
}
