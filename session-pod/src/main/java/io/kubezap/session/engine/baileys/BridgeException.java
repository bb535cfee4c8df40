package io.kubezap.session.engine.baileys;

/** The bridge answered a request with an error, or is gone; {@code unsupported}: it has no such request. */
final class BridgeException extends RuntimeException {

    private final boolean unsupported;

    BridgeException(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    boolean unsupported() {
        return unsupported;
    }
}
