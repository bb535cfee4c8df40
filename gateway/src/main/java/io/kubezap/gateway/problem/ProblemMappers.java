package io.kubezap.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.contract.DatabaseOutage;
import io.kubezap.contract.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.List;

/** Every error leaves as {@code application/problem+json}; nothing internal reaches clients. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response gateway(GatewayException e) {
        return respond(e.problem());
    }

    /** What the API server refused, with its reason (validation by the real CRD, a conflict, a missing right). */
    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e) {
        return respond(problemOf(e));
    }

    public static Problem problemOf(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 409) {
            return Problem.of("conflict", "Conflict", 409, apiServerMessage(e), List.of());
        }
        if (code == 404) {
            return Problem.of("not-found", "Not found", 404, apiServerMessage(e), List.of());
        }
        if (code == 422 || code == 400) {
            return Problem.of("validation-failed", "Invalid request", 400, apiServerMessage(e), List.of());
        }
        LOG.warnf(e, "The Kubernetes API answered %d", code);
        return Problem.of("kubernetes-api-error", "Kubernetes API error", 502,
                "The Kubernetes API server did not serve the request (HTTP " + code + ")", List.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400, e.getOriginalMessage(), List.of()));
    }

    // Quarkus REST's own mappers for these subtypes answer an empty 400; mapping the exact types takes precedence
    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return respond(Problem.of(slug, title, status, e.getMessage(), List.of()));
    }

    /** PostgreSQL out of reach: 503 with {@code Retry-After}, as the session pods answer; any other SQL failure is a 500. */
    @ServerExceptionMapper
    public Response database(SQLException e) {
        return DatabaseOutage.reason(e).map(why -> {
            LOG.warnf("Answered 503, the database is unavailable: %s", why);
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                    .entity(Problem.of(DatabaseOutage.PROBLEM_SLUG, DatabaseOutage.PROBLEM_TITLE, 503,
                            "The sessions' database cannot serve requests right now: " + why + ". Retry later.", List.of()))
                    .build();
        }).orElseGet(() -> unexpected(e));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error serving a request", e);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "The gateway failed to handle the request; see its log", List.of()));
    }

    /** What a 429, or a replica full of streams, asks the client to wait. */
    public static final String RETRY_AFTER_SECONDS = "1";
    /** The problem of a replica that serves as many streams as it may: the next try may land on another replica. */
    public static final String GATEWAY_BUSY = "gateway-busy";

    public static boolean asksToRetry(Problem problem) {
        return problem.status() == 429 || problem.type().toString().endsWith("/" + GATEWAY_BUSY);
    }

    public static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (asksToRetry(problem)) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private static String apiServerMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
