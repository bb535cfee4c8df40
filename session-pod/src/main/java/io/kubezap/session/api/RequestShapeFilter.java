package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.session.problem.ProblemMappers;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Optional;

/**
 * Decides what is wrong with a request's shape before any resource runs, so a request that cannot be answered is
 * refused with nothing done: control characters in the path or query, and Accept or Content-Type headers that
 * are not media types, an empty Accept (406) or an empty Content-Type (415): before, such a request ran its action and only rendering the
 * answer failed, so a client retrying the 500 sent twice.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestShapeFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        problem(request).ifPresent(problem -> request.abortWith(HttpMethod.HEAD.equals(request.getMethod())
                // a HEAD answer carries no body: writing one made the server drop the connection
                ? Response.status(problem.status()).type(Problem.MEDIA_TYPE).build()
                : ProblemMappers.respond(problem)));
    }

    private static Optional<Problem> problem(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (hasControlCharacter(path)) {
            return Optional.of(invalid("The path contains control characters (such as NUL), which no id or JID has"));
        }
        boolean controlInQuery = request.getUriInfo().getQueryParameters().entrySet().stream()
                .anyMatch(e -> hasControlCharacter(e.getKey()) || e.getValue().stream().anyMatch(RequestShapeFilter::hasControlCharacter));
        if (controlInQuery) {
            return Optional.of(invalid("A query parameter contains control characters (such as NUL)"));
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.isBlank()) {
            return Optional.of(Problem.of("not-acceptable", "Not Acceptable", 406,
                    "The Accept header is empty, so no answer is acceptable: send 'application/json' or no Accept header", List.of()));
        }
        if (!parsesAsMediaTypes(accept)) {
            return Optional.of(invalid("The Accept header is not a list of media types, such as 'application/json'"));
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (!HttpMethod.GET.equals(request.getMethod()) && contentType != null && contentType.isBlank()) {
            // Quarkus REST fails to parse a blank type while matching the resource, which answered 500
            return Optional.of(Problem.of("unsupported-media-type", "Unsupported Media Type", 415,
                    "The Content-Type header is empty: send 'application/json' (or 'multipart/form-data' for a file)", List.of()));
        }
        if (!HttpMethod.GET.equals(request.getMethod()) && !parsesAsMediaTypes(contentType)) {
            return Optional.of(invalid("The Content-Type header is not a media type, such as 'application/json'"));
        }
        if (isJson(request) && request.getLength() > MAX_JSON_BODY) {
            // a JSON body is read whole into memory: large files go as multipart (streamed to disk) or by URL
            return Optional.of(Problem.of("payload-too-large", "Payload Too Large", 413, "A JSON body may be at most "
                    + MAX_JSON_BODY + " bytes; send larger files as multipart/form-data (part 'file') or by URL", List.of()));
        }
        return Optional.empty();
    }

    /** Room for a 16 MiB file in base64 (4/3 of it) and the other fields. */
    static final long MAX_JSON_BODY = 24L * 1024 * 1024;

    private static boolean isJson(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    private static Problem invalid(String detail) {
        return Problem.of("bad-request", "Bad Request", 400, detail, List.of());
    }

    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static boolean parsesAsMediaTypes(String header) {
        if (header == null) {
            return true;
        }
        try {
            for (String type : header.split(",")) {
                if (!type.isBlank()) {
                    MediaType.valueOf(type.strip());
                }
            }
            return true;
        } catch (IllegalArgumentException notAMediaType) {
            return false;
        }
    }
}
