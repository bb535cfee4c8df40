package io.kubezap.gateway.mcp;

import io.kubezap.gateway.auth.Authenticator;
import io.kubezap.gateway.auth.Caller;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Who made the MCP request a tool serves: the caller {@link McpAuthentication} established for that HTTP request. */
@ApplicationScoped
class McpCaller {

    private final CurrentVertxRequest request;

    McpCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    Caller current() {
        RoutingContext context = request.getCurrent();
        Caller caller = context == null ? null : context.get(McpAuthentication.CALLER);
        if (caller == null) {
            // the route before the MCP server authenticates every request: reaching here without a caller is a bug
            throw new ToolCallException(Authenticator.unauthorizedDetail(true));
        }
        return caller;
    }
}
