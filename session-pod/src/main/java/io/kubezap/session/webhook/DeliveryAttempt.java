package io.kubezap.session.webhook;

/** What one POST to an endpoint came to: {@code statusCode} null when no answer arrived. */
public record DeliveryAttempt(boolean delivered, Integer statusCode, String error) {

    static DeliveryAttempt answered(int statusCode) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new DeliveryAttempt(ok, statusCode, ok ? null : "endpoint answered HTTP " + statusCode);
    }

    static DeliveryAttempt noAnswer(String error) {
        return new DeliveryAttempt(false, null, error);
    }
}
