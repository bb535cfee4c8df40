package io.kubezap.kubectl.failure;

/** Something the user must fix or wait for: printed as one line on stderr, and the command exits with 1. */
public class CliFailure extends RuntimeException {

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
