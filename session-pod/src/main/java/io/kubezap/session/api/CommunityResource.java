package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.group.Communities;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path(SessionApi.SESSION + "/communities")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Groups")
public class CommunityResource {

    /** {@code POST /communities}. */
    public record CreateCommunity(String subject, String description) {
    }

    /** {@code POST /communities/{jid}/groups}: groups to link. */
    public record LinkGroups(List<String> groups) {
    }

    private final Communities communities;

    public CommunityResource(Communities communities) {
        this.communities = communities;
    }

    @POST
    @Operation(operationId = "createCommunity", summary = "Create a community (with its announcements group); the account is superadmin of both; answers the community")
    public Response create(CreateCommunity request) {
        var created = request == null ? communities.create(null, null) : communities.create(request.subject(), request.description());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Path("{jid}/groups")
    @Operation(operationId = "listCommunityGroups", summary = "The community's groups, its announcements group first: {items: [{jid, subject, announcementsGroup}]}")
    public Map<String, List<GroupInfo.Linked>> groups(@PathParam("jid") String jid) {
        return Map.of("items", communities.groups(jid));
    }

    @POST
    @Path("{jid}/groups")
    @Operation(operationId = "linkCommunityGroups", summary = "Link groups the account administers to the community; answered per group")
    public Map<String, Object> link(@PathParam("jid") String jid, LinkGroups request) {
        return Map.of("items", communities.link(jid, request == null ? null : request.groups()));
    }

    @DELETE
    @Path("{jid}/groups/{group}")
    @Operation(operationId = "unlinkCommunityGroup", summary = "Unlink a group from the community")
    public Response unlink(@PathParam("jid") String jid, @PathParam("group") String group) {
        communities.unlink(jid, group);
        return Response.noContent().build();
    }
}
