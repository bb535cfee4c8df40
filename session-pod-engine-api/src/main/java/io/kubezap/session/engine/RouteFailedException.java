package io.kubezap.session.engine;

import java.io.IOException;

/** A connection to WhatsApp failed because the session's proxy refused it or could not be reached. */
public final class RouteFailedException extends IOException {

    private final String reason;

    RouteFailedException(WhatsAppRoute.Failure failure) {
        super(failure.message());
        this.reason = failure.reason();
    }

    /** The session's {@code lastError.reason}. */
    public String reason() {
        return reason;
    }
}
