package io.kubezap.gateway.problem;

import io.kubezap.contract.Problem;

import java.util.List;

/** A failure the client caused or must know about; rendered as a problem body with a stable {@code type}. */
public class GatewayException extends RuntimeException {

    private final transient Problem problem;

    public GatewayException(int status, String slug, String title, String detail) {
        this(Problem.of(slug, title, status, detail, List.of()));
    }

    private GatewayException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    /** A problem the contract words (one both the gateway and the pods answer). */
    public static GatewayException of(Problem problem) {
        return new GatewayException(problem);
    }

    public static GatewayException notFound(String detail) {
        return new GatewayException(404, "not-found", "Not found", detail);
    }

    public static GatewayException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new GatewayException(Problem.of("validation-failed", "Invalid request", 400, detail, errors));
    }

    public static GatewayException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public Problem problem() {
        return problem;
    }
}
