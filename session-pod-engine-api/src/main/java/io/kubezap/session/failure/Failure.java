package io.kubezap.session.failure;

import io.kubezap.contract.Problem.FieldError;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the session cannot carry out, told in the domain's terms: what kind of failure it is, the stable slug and
 * title that name it to clients, and why. How a kind is answered over HTTP (its status code) is the problem layer's
 * business, at the edge.
 */
public class Failure extends RuntimeException {

    /** What went wrong, as the client must understand it. */
    public enum Kind {
        /** The request's input is wrong; {@link #errors()} names the fields. */
        INVALID,
        /** The request is understood but cannot be done as asked. */
        REFUSED,
        FORBIDDEN,
        NOT_FOUND,
        /** The request contradicts the current state (of a message, a call, the session). */
        CONFLICT,
        /** It existed, and is gone for good. */
        GONE,
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        /** Well-formed, but it cannot be processed (e.g. a key reused for another request). */
        UNPROCESSABLE,
        /** Asked too often; {@link #retryAfter()} says when again. */
        PACED,
        NOT_SUPPORTED,
        /** WhatsApp (or the engine behind which it stands) failed or refused. */
        WHATSAPP_FAILED,
        /** Not now: the session or the pod cannot serve it at the moment. */
        UNAVAILABLE,
        /** The session keeps all its storage quota allows. */
        STORAGE_FULL,
        /** WhatsApp did not answer in time. */
        WHATSAPP_TIMEOUT
    }

    private final Kind kind;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public Failure(Kind kind, String slug, String title, String detail) {
        this(kind, slug, title, detail, List.of(), null);
    }

    private Failure(Kind kind, String slug, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail);
        this.kind = kind;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static Failure notFound(String detail) {
        return new Failure(Kind.NOT_FOUND, "not-found", "Not found", detail);
    }

    /** The session keeps as much as its quota allows (its files on the volume, or its rows in the database): 507. */
    public static Failure storageFull(String detail) {
        return new Failure(Kind.STORAGE_FULL, "storage-quota-exceeded", "Storage quota exceeded", detail);
    }

    public static Failure conflict(String slug, String title, String detail) {
        return new Failure(Kind.CONFLICT, slug, title, detail);
    }

    public static Failure invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Failure invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new Failure(Kind.INVALID, "validation-failed", "Invalid request", detail, errors, null);
    }

    /** The same failure, its detail followed by {@code more}. */
    public Failure withDetail(String more) {
        return new Failure(kind, slug, title, getMessage() + more, errors, retryAfter);
    }

    /** The same failure, saying when the client may try again. */
    public Failure retryAfter(Duration wait) {
        return new Failure(kind, slug, title, getMessage(), errors, wait);
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
