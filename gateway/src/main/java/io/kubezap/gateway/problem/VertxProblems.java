package io.kubezap.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.contract.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.util.List;

/** Problem bodies for what Vert.x serves directly (the proxy, the event streams), as the REST resources answer them. */
public final class VertxProblems {

    private static final Logger LOG = Logger.getLogger(VertxProblems.class);

    private VertxProblems() {
    }

    /** The problem a failure stands for; one nobody foresaw is logged and a 500. */
    public static Problem of(Throwable cause) {
        if (cause instanceof GatewayException refused) {
            return refused.problem();
        }
        if (cause instanceof KubernetesClientException kubernetes) {
            return ProblemMappers.problemOf(kubernetes);
        }
        LOG.error("serving a request", cause);
        return Problem.of("internal-error", "Internal error", 500, "The gateway failed to handle the request; see its log",
                List.of());
    }

    public static void send(HttpServerResponse response, ObjectMapper json, Problem problem) {
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (ProblemMappers.asksToRetry(problem)) {
            response.putHeader(HttpHeaders.RETRY_AFTER, ProblemMappers.RETRY_AFTER_SECONDS);
        }
        response.end(json(json, problem));
    }

    public static String json(ObjectMapper json, Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is plain data", e);
        }
    }
}
