package io.kubezap.operator.sessionapi;

/** A session pod could not be asked, or did not answer as the contract says. */
public class SessionApiException extends Exception {

    public SessionApiException(String message) {
        super(message);
    }

    public SessionApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
