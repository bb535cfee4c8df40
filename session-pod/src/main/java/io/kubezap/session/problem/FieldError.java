package io.kubezap.session.problem;

/** One offending input field of a validation problem. */
public record FieldError(String field, String message) {
}
