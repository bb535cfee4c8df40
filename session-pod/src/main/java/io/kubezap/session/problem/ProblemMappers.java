package io.kubezap.session.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.kubezap.contract.Problem;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.json.JsonProblems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Every error leaves as {@code application/problem+json}; nothing internal (stack traces, SQL) reaches clients. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e);
    }

    @ServerExceptionMapper
    public Response failure(Failure e) {
        return respond(ApiException.of(e));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400, JsonProblems.detail(e), List.of()));
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
            return malformedJson(json); // Quarkus REST wraps body parse errors in a 400
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return respond(Problem.of(slug, title, status, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return internalError(e);
    }

    /** A 500 that names no internals; the cause goes to the pod's log. */
    public static Response internalError(Throwable e) {
        LOG.error("Unexpected error serving a request", e);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "The server failed to handle the request; see the pod's log", List.of()));
    }

    public static Response respond(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
        e.headers().forEach(response::header);
        return response.build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
