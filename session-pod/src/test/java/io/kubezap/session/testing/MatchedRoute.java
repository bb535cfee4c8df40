package io.kubezap.session.testing;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;

/** Tests only: names the resource method that answered a request, so a test sees how the pod routed a path. */
public class MatchedRoute {

    public static final String HEADER = "X-Test-Route";

    @ServerResponseFilter
    public void name(ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null) {
            response.getHeaders().putSingle(HEADER, method.getDeclaringClass().getSimpleName() + "#" + method.getName());
        }
    }
}
