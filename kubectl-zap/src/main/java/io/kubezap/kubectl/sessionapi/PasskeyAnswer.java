package io.kubezap.kubectl.sessionapi;

/** What became of a passkey answer: {@code why} is the session's reason for a refusal or an expiry. */
public record PasskeyAnswer(Outcome outcome, String why) {

    public enum Outcome {
        /** WhatsApp took it: the link completes. */
        ACCEPTED,
        /** The assertion does not verify (HTTP 422): answer the same challenge again. */
        REFUSED,
        /** The challenge expired before the answer (HTTP 410): WhatsApp sends a new one. */
        EXPIRED
    }
}
