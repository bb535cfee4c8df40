package io.kubezap.session.metrics;

import io.kubezap.contract.SessionState;

/** Where the phase and reconnect gauges read the session's state (the state machine). */
public interface SessionStateSource {

    SessionState current();
}
