package io.kubezap.session.engine;

/** A media file could not be fetched from WhatsApp: gone from its servers, refused by the checks, or unreachable. */
public class MediaUnavailableException extends RuntimeException {

    public MediaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
