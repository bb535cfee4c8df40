package io.kubezap.session.metrics;

import io.kubezap.contract.SessionState;

/** Where the phase and reconnect gauges read the session's state (the state machine). */
public interface SessionStateSource {

    SessionState current();

    /** Reconnects this pod found stalled and started again ({@code ReconnectStalled}), since it started; none unless counted. */
    default long reconnectStalls() {
        return 0;
    }
}
