package io.kubezap.kubectl.doctor;

/**
 * One thing wrong with a session, as {@code kubectl zap doctor} prints it: on one line, what Kubernetes or the operator
 * says and what to do about it.
 *
 * @param reason  the reason as the session's conditions or Kubernetes give it (PodCreationFailed, Unschedulable, ...)
 * @param message what is wrong, in the words of whoever found it
 * @param remedy  what to do
 */
public record Finding(String reason, String message, String remedy) {

    public String line() {
        return "- " + reason + ": " + message + " -> " + remedy;
    }
}
