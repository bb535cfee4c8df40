package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem body, as the session pods and the gateway answer errors: one family of problem types
 * ({@value #TYPE_BASE}{@code <slug>}); {@code errors} lists offending fields for validation problems.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://kubezap.io/problems/";

    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, errors);
    }

    /** One offending input field of a validation problem. */
    public record FieldError(String field, String message) {
    }
}
