package io.kubezap.simulator.media;

/** A media host request refused with an HTTP status. */
public final class MediaHostException extends RuntimeException {
    private final int status;

    public MediaHostException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
