package io.kubezap.session.problem;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.contract.Problem;
import io.kubezap.session.failure.Failure;

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

    /** The domain's failure as HTTP answers it: the status its kind has, with {@code Retry-After} when it says when. */
    public static ApiException of(Failure failure) {
        var problem = new ApiException(status(failure.kind()), failure.slug(), failure.title(), failure.getMessage(),
                failure.errors());
        failure.retryAfter().ifPresent(wait -> problem.withHeader("Retry-After", String.valueOf(wait.toSeconds())));
        return problem;
    }

    static int status(Failure.Kind kind) {
        return switch (kind) {
            case INVALID, REFUSED -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case UNPROCESSABLE -> 422;
            case PACED -> 429;
            case NOT_SUPPORTED -> 501;
            case WHATSAPP_FAILED -> 502;
            case UNAVAILABLE -> 503;
            case WHATSAPP_TIMEOUT -> 504;
            case STORAGE_FULL -> 507;
        };
    }

    public static ApiException notFound(String detail) {
        return of(Failure.notFound(detail));
    }

    public static ApiException conflict(String slug, String title, String detail) {
        return of(Failure.conflict(slug, title, detail));
    }

    public static ApiException invalid(String field, String message) {
        return of(Failure.invalid(field, message));
    }

    public static ApiException invalid(List<FieldError> errors) {
        return of(Failure.invalid(errors));
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
