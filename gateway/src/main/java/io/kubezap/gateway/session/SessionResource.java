package io.kubezap.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.gateway.auth.Access;
import io.kubezap.gateway.auth.Operation;
import io.kubezap.gateway.auth.SessionAudit;
import io.kubezap.gateway.auth.SessionConfirmations;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * Sessions as a REST resource over the WhatsAppSession custom resources. {@code /api/v1/sessions/{name}} is the
 * session of that name in the gateway's default namespace.
 */
@Path("/api/v1")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final int MAX_PAGE_SIZE = 500;

    private final SessionCatalog catalog;
    private final SessionManifests manifests;
    private final GatewayConfig config;
    private final Access access;

    SessionResource(SessionCatalog catalog, SessionManifests manifests, GatewayConfig config, Access access) {
        this.catalog = catalog;
        this.manifests = manifests;
        this.config = config;
        this.access = access;
    }

    @GET
    @Path("sessions")
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "listSessions")
    public SessionPage list(@QueryParam("namespace") String namespace, @QueryParam("phase") String phase,
                            @QueryParam("labelSelector") String labelSelector, @QueryParam("limit") Integer limit,
                            @QueryParam("continue") String next) {
        int pageSize = limit == null ? config.defaultPageSize() : limit;
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw GatewayException.invalid("limit", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        SessionQuery query = new SessionQuery(blankToNull(namespace), phase(phase), labelSelector, pageSize,
                SessionCatalog.cursorOf(blankToNull(next)));
        return catalog.list(query, access.visible());
    }

    @POST
    @Path("sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "createSession")
    public Response create(JsonNode body) {
        WhatsAppSession session = manifests.forCreate(body, config.defaultNamespace());
        access.require(Operation.CREATE, session.getMetadata().getNamespace(), null);
        WhatsAppSession created = catalog.create(session);
        URI location = URI.create("/api/v1/namespaces/" + created.getMetadata().getNamespace() + "/sessions/"
                + created.getMetadata().getName());
        return Response.created(location).entity(SessionView.of(created, access)).build();
    }

    @GET
    @Path("namespaces/{namespace}/sessions/{name}")
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "getSession")
    public SessionView get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        access.require(Operation.READ, namespace, name);
        return SessionView.of(catalog.get(namespace, name), access);
    }

    @GET
    @Path("sessions/{name}")
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "getSessionInDefaultNamespace")
    public SessionView getInDefaultNamespace(@PathParam("name") String name) {
        return get(config.defaultNamespace(), name);
    }

    @PATCH
    @Path("namespaces/{namespace}/sessions/{name}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "updateSession")
    public SessionView patch(@PathParam("namespace") String namespace, @PathParam("name") String name,
                             @HeaderParam(SessionConfirmations.FETCH_SITE) String fetchSite,
                             @HeaderParam(SessionConfirmations.HEADER) String confirmation, JsonNode patch) {
        boolean suspends = patch != null && patch.path("suspend").asBoolean(false);
        if (suspends) {
            access.requireConfirmed(SessionAudit.Action.SUSPEND, Operation.PATCH, namespace, name, fetchSite, confirmation);
        } else {
            access.require(Operation.PATCH, namespace, name);
        }
        WhatsAppSession current = catalog.current(namespace, name);
        SessionView patched = SessionView.of(catalog.update(manifests.forPatch(current, patch)), access);
        if (suspends) {
            access.audit(SessionAudit.Action.SUSPEND, namespace, name, "done");
        }
        return patched;
    }

    @PATCH
    @Path("sessions/{name}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "updateSessionInDefaultNamespace")
    public SessionView patchInDefaultNamespace(@PathParam("name") String name,
                             @HeaderParam(SessionConfirmations.FETCH_SITE) String fetchSite,
                             @HeaderParam(SessionConfirmations.HEADER) String confirmation, JsonNode patch) {
        return patch(config.defaultNamespace(), name, fetchSite, confirmation, patch);
    }

    /** The operator finishes the deletion: it unlinks the device first when the session's logoutOnDelete says so. */
    @DELETE
    @Path("namespaces/{namespace}/sessions/{name}")
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "deleteSession")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("name") String name,
                           @HeaderParam(SessionConfirmations.FETCH_SITE) String fetchSite,
                             @HeaderParam(SessionConfirmations.HEADER) String confirmation) {
        access.requireConfirmed(SessionAudit.Action.DELETE, Operation.DELETE, namespace, name, fetchSite, confirmation);
        catalog.delete(namespace, name);
        access.audit(SessionAudit.Action.DELETE, namespace, name, "accepted");
        return Response.accepted().build();
    }

    @DELETE
    @Path("sessions/{name}")
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "deleteSessionInDefaultNamespace")
    public Response deleteInDefaultNamespace(@PathParam("name") String name,
                           @HeaderParam(SessionConfirmations.FETCH_SITE) String fetchSite,
                             @HeaderParam(SessionConfirmations.HEADER) String confirmation) {
        return delete(config.defaultNamespace(), name, fetchSite, confirmation);
    }

    /**
     * A fresh confirmation that the caller means to end a session ({@code action}: delete, suspend, logout), issued
     * for the session's name typed by the user (outside the session's own paths, which its pod answers); a browser's call doing it sends the token in
     * {@value SessionConfirmations#HEADER} within 60 s, once. Calls without {@code Sec-Fetch-Site} (clients with a key)
     * need none.
     */
    @POST
    @Path("confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "confirmSessionAction")
    public SessionConfirmations.ActionConfirmation confirm(ConfirmationRequest request) {
        SessionAudit.Action action = request == null ? null : request.actionNamed();
        if (action == null) {
            throw GatewayException.invalid("action", "must be one of delete, suspend, logout");
        }
        Operation operation = switch (action) {
            case DELETE -> Operation.DELETE;
            case SUSPEND -> Operation.PATCH;
            case LOGOUT -> Operation.MANAGE;
        };
        String namespace = request.namespace() == null || request.namespace().isBlank()
                ? config.defaultNamespace() : request.namespace();
        if (request.session() == null || request.session().isBlank()) {
            throw GatewayException.invalid("session", "the session's name, typed by the user to confirm");
        }
        return access.confirm(action, operation, namespace, request.session());
    }

    /**
     * What the caller may do in {@code namespace} (default: the gateway's) to every session there, creating included:
     * each verb answered as the call would be authorised.
     */
    @GET
    @Path("access")
    @org.eclipse.microprofile.openapi.annotations.Operation(operationId = "getAccess")
    public NamespaceAccess access(@QueryParam("namespace") String namespace) {
        String asked = blankToNull(namespace) == null ? config.defaultNamespace() : namespace;
        return new NamespaceAccess(asked, access.allowed(List.of(Operation.values()), asked, null));
    }

    private static SessionPhase phase(String phase) {
        if (phase == null || phase.isBlank()) {
            return null;
        }
        try {
            return SessionPhase.valueOf(phase);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("phase", "must be one of " + Arrays.toString(SessionPhase.values()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
