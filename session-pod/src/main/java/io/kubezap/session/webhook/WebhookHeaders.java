package io.kubezap.session.webhook;

import io.kubezap.contract.WebhookFile;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A webhook's static headers ({@code spec.webhooks[].headers}) as the pod takes them: the same rules as the CRD's, for
 * a webhooks file written by hand (local mode). What is wrong is told by the header's name, never its value.
 */
final class WebhookHeaders {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&*+.^_|~-]{1,128}");
    private static final int MAX_VALUE = 1024;

    private WebhookHeaders() {
    }

    static Map<String, String> check(Map<String, String> headers, String where) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, String> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": headers: a header name is letters, digits and"
                        + " !#$%&*+.^_|~- (at most 128)");
            }
            if (WebhookFile.reservedHeader(name)) {
                throw new IllegalArgumentException(where + ": headers." + name + ": the delivery sets this header itself");
            }
            if (value == null || value.length() > MAX_VALUE || value.contains("\r") || value.contains("\n")) {
                throw new IllegalArgumentException(where + ": headers." + name + ": a value is one line of at most "
                        + MAX_VALUE + " characters");
            }
            if (checked.put(name, value) != null) {
                throw new IllegalArgumentException(where + ": headers." + name + ": named twice");
            }
        });
        return Map.copyOf(checked);
    }
}
