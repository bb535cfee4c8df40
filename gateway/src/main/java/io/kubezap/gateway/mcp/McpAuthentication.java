package io.kubezap.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionPath;
import io.kubezap.gateway.auth.Authenticator;
import io.kubezap.gateway.problem.VertxProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Every request to the MCP server ({@value #PATH}, Streamable HTTP) presents what a REST call presents: a gateway key
 * ({@code X-Api-Key} or {@code Authorization: Bearer}) or a ServiceAccount token, checked by the same
 * {@link Authenticator} before the MCP server sees the request; without one it is refused with 401 and
 * {@code WWW-Authenticate: Bearer}, as the REST API refuses it. The caller rides on the request to the tools
 * ({@link McpCaller}); each tool call is authorised as its REST call is. The MCP session id carries no authority: every
 * request is authenticated on its own.
 */
@ApplicationScoped
class McpAuthentication {

    /** Where the MCP server listens (application.properties {@code quarkus.mcp.server.http.root-path}). */
    static final String PATH = "/mcp";
    static final String CALLER = "kubezap.mcp.caller";
    /** Among Quarkus' route filters, which run before every route (the MCP extension's too); higher runs first. */
    private static final int PRIORITY = 10;

    private final Authenticator authenticator;
    private final ObjectMapper json;

    McpAuthentication(Authenticator authenticator, ObjectMapper json) {
        this.authenticator = authenticator;
        this.json = json;
    }

    void filter(@Observes Filters filters) {
        filters.register(this::authenticate, PRIORITY);
    }

    private void authenticate(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!isMcp(request.path()) && !isMcp(context.normalizedPath())) {
            context.next();
            return;
        }
        String apiKey = request.getHeader(SessionApi.API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String client = Authenticator.client(request);
        context.vertx().executeBlocking(() -> authenticator.authenticate(apiKey, authorization, null, client), false)
                .onComplete(authenticated -> {
                    if (authenticated.failed()) {
                        VertxProblems.send(request.response(), json, VertxProblems.of(authenticated.cause()));
                    } else if (authenticated.result().isEmpty()) {
                        VertxProblems.send(request.response(), json, unauthorized(apiKey == null && authorization == null));
                    } else {
                        context.put(CALLER, authenticated.result().get());
                        context.next();
                    }
                });
    }

    /**
     * Whether a path may reach the MCP server, judged as the router matches it, never as written: {@code /%6Dcp},
     * {@code /x/../mcp} and {@code //mcp} are {@code /mcp} to it. Read by the rule every session path is read by
     * ({@link SessionPath}), case ignored; a path that rule refuses is authenticated too: it fails closed.
     */
    static boolean isMcp(String path) {
        try {
            return PATH.substring(1).equals(SessionPath.of(path).first());
        } catch (SessionPath.Refused ambiguous) {
            return true;
        }
    }

    private static Problem unauthorized(boolean nothingPresented) {
        return Problem.of("unauthorized", "Unauthorized", 401, Authenticator.unauthorizedDetail(nothingPresented), List.of());
    }
}
