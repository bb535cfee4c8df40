package io.kubezap.operator.events;

/** One Kubernetes Event to record on a WhatsAppSession. */
public record SessionEvent(boolean warning, String reason, String message) {

    public static SessionEvent normal(Reason reason, String message) {
        return normal(reason.name(), message);
    }

    public static SessionEvent warning(Reason reason, String message) {
        return warning(reason.name(), message);
    }

    public static SessionEvent normal(String reason, String message) {
        return new SessionEvent(false, reason, message);
    }

    public static SessionEvent warning(String reason, String message) {
        return new SessionEvent(true, reason, message);
    }
}
