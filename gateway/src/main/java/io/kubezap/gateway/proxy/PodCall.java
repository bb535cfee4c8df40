package io.kubezap.gateway.proxy;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.function.Function;

/** One proxied call to a session pod, whatever its method; {@code target} authorizes the method and finds the pod. */
public class PodCall {

    private final Function<String, PodTarget> target;
    private final PodForwarder forwarder;
    private final String path;
    private final String publicBase;

    PodCall(Function<String, PodTarget> target, PodForwarder forwarder, String path, String publicBase) {
        this.target = target;
        this.forwarder = forwarder;
        this.path = path;
        this.publicBase = publicBase;
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", uri, headers, null);
    }

    @DELETE
    public Response delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", uri, headers, null);
    }

    @POST
    @Consumes("*/*")
    public Response post(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return forward("POST", uri, headers, body);
    }

    @PUT
    @Consumes("*/*")
    public Response put(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return forward("PUT", uri, headers, body);
    }

    @PATCH
    @Consumes("*/*")
    public Response patch(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return forward("PATCH", uri, headers, body);
    }

    private Response forward(String method, UriInfo uri, HttpHeaders headers, InputStream body) {
        return forwarder.forward(target.apply(method), method, path, uri.getRequestUri().getRawQuery(), headers,
                body == null ? InputStream.nullInputStream() : body, publicBase);
    }
}
