package io.kubezap.session.problem;

import java.util.List;

/** A failure the client caused or must know about; rendered as a problem body with a stable {@code type}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(int status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, List.of());
    }

    public static ApiException conflict(String slug, String title, String detail) {
        return new ApiException(409, slug, title, detail, List.of());
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ApiException(400, "validation-failed", "Invalid request", detail, errors);
    }

    /** The same problem, its detail followed by {@code more}. */
    public ApiException withDetail(String more) {
        var explained = new ApiException(status, slug, title, getMessage() + more, errors);
        explained.headers.putAll(headers);
        return explained;
    }

    /** A header the answer carries too, e.g. {@code Retry-After}. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return java.util.Map.copyOf(headers);
    }

    public Problem problem() {
        return Problem.of(slug, title, status, getMessage(), errors);
    }

    public int status() {
        return status;
    }
}
