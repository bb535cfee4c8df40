package io.kubezap.session.engine.baileys;

/**
 * The bridge answered a request with an error, or is gone; {@code unsupported}: it has no such request; {@code code}:
 * WhatsApp's error code when WhatsApp refused the request (0 otherwise).
 */
final class BridgeException extends RuntimeException {

    private final boolean unsupported;
    private final int code;

    BridgeException(String message, boolean unsupported, int code) {
        super(message);
        this.unsupported = unsupported;
        this.code = code;
    }

    BridgeException(String message, boolean unsupported) {
        this(message, unsupported, 0);
    }

    boolean unsupported() {
        return unsupported;
    }

    int code() {
        return code;
    }
}
