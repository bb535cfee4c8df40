package io.kubezap.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * WhatsApp's WebAuthn request options ({@link PasskeyChallenge#requestOptions()}) as they may be shown and pasted: one
 * JSON object and nothing after it, written out again by Jackson. They end up inside JavaScript the account's owner runs
 * on web.whatsapp.com ({@link PasskeyBrowserSnippet}), so text that is not exactly one object (a trailing
 * {@code ); fetch(…)}, say) is refused where it enters, not quoted along.
 */
public final class PasskeyRequestOptions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PasskeyRequestOptions() {
    }

    /** The options read strictly; an {@link IllegalArgumentException} for anything but one JSON object. */
    public static JsonNode parse(String options) {
        JsonNode parsed;
        try {
            parsed = options == null ? null : JSON.readTree(options);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("passkey request options are not one JSON object: " + malformed.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("passkey request options are not one JSON object");
        }
        return parsed;
    }

    /** The options written out again from what {@link #parse} read. */
    public static String canonical(String options) {
        return parse(options).toString();
    }
}
