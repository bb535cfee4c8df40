package io.kubezap.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem body, with the session pod's type base so clients see one family of problem types. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://kubezap.io/problems/";

    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, errors);
    }

    /** One offending input field of a validation problem. */
    public record FieldError(String field, String message) {
    }
}
