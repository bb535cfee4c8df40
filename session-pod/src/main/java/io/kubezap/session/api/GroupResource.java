package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.group.GroupService;
import io.kubezap.session.group.GroupSummary;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path(SessionApi.SESSION + "/groups")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Groups")
public class GroupResource {

    /** {@code POST /groups}: the subject and the participants (phone numbers or user JIDs). */
    public record CreateGroup(String subject, List<String> participants) {
    }

    /** {@code POST /groups/join}: an invite code, or the https://chat.whatsapp.com/ link that carries it. */
    public record Join(String code) {
    }

    /** {@code PATCH /groups/{jid}}: what to change; absent fields stay, a blank description deletes it. */
    public record UpdateGroup(String subject, String description, Boolean announce, Boolean locked, Long ephemeralSeconds,
                              Boolean joinApproval, String memberAddMode) {
    }

    private final GroupService groups;

    public GroupResource(GroupService groups) {
        this.groups = groups;
    }

    @POST
    @Operation(operationId = "createGroup", summary = "Create a group; the account becomes its superadmin")
    public Response create(CreateGroup request) {
        var created = request == null ? groups.create(null, null) : groups.create(request.subject(), request.participants());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(operationId = "listGroups", summary = "The groups the account is in, as last heard from WhatsApp (refreshed at login and on every change), "
            + "by subject; limit/offset: a page (nextOffset when there may be more)")
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int pageSize = QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT);
        int skipped = QueryParams.offset(offset);
        List<GroupSummary> page = groups.list(pageSize, skipped);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("nextOffset", page.size() < pageSize ? null : skipped + page.size());
        return body;
    }

    @POST
    @Path("join")
    @Operation(operationId = "joinGroup", summary = "Join a group by its invite code or link; answers the group, or 202 {jid, status: awaiting-approval} "
            + "when the group's admins approve who joins")
    public Response join(Join request) {
        var outcome = groups.join(request == null ? null : request.code());
        return outcome.group() != null ? Response.ok(outcome.group()).build()
                : Response.accepted(Map.of("jid", outcome.awaitingApprovalOf(), "status", "awaiting-approval")).build();
    }

    @GET
    @Path("join-info")
    @Operation(operationId = "getGroupInviteInfo", summary = "The group an invite code or link opens, before joining (subject, description, owner, participants, settings)")
    public GroupInfo joinInfo(@QueryParam("code") String code) {
        return groups.invitePreview(code);
    }

    @PUT
    @Path("{jid}/picture")
    @Operation(operationId = "setGroupPicture", summary = "Change the group's picture: file.data (base64) or file.url of an image, cut to a centred square JPEG "
            + "of at most 640 px; any member unless the group is locked; answers the group")
    public GroupInfo setPicture(@PathParam("jid") String jid, ProfileResource.Picture request) {
        var file = ProfileResource.Picture.of(request);
        return groups.setPicture(jid, file.data(), file.url());
    }

    @DELETE
    @Path("{jid}/picture")
    @Operation(operationId = "removeGroupPicture", summary = "Remove the group's picture")
    public Response removePicture(@PathParam("jid") String jid) {
        groups.removePicture(jid);
        return Response.noContent().build();
    }

    @GET
    @Path("{jid}/picture")
    @Produces({"image/jpeg", Problem.MEDIA_TYPE})
    @Operation(operationId = "getGroupPicture", summary = "The group's picture (JPEG); 404 without one")
    public Response picture(@PathParam("jid") String jid) {
        return PictureResponses.jpeg(groups.picture(jid));
    }

    @GET
    @Path("{jid}/join-requests")
    @Operation(operationId = "listGroupJoinRequests", summary = "Who asks to join the group (admins only): {items: [{jid, requestedAt}]}")
    public Map<String, Object> joinRequests(@PathParam("jid") String jid) {
        return Map.of("items", groups.joinRequests(jid));
    }

    @POST
    @Path("{jid}/join-requests")
    @Operation(operationId = "answerGroupJoinRequests", summary = "Approve ({\"approve\": [...]}: they are added) or reject ({\"reject\": [...]}) requests to join; "
            + "answered per participant")
    public Map<String, Object> answerJoinRequests(@PathParam("jid") String jid, Map<String, List<String>> request) {
        return Map.of("items", groups.answerJoinRequests(jid, request));
    }

    @GET
    @Path("{jid}/invite-link")
    @Operation(operationId = "getGroupInviteLink", summary = "The group's invite link (admins only): {code, link}")
    public GroupService.InviteLink inviteLink(@PathParam("jid") String jid) {
        return groups.inviteLink(jid, false);
    }

    @POST
    @Path("{jid}/invite-link/revoke")
    @Operation(operationId = "revokeGroupInviteLink", summary = "Replace the group's invite link (admins only): the old one lets nobody in; answers the new {code, link}")
    public GroupService.InviteLink revokeInviteLink(@PathParam("jid") String jid) {
        return groups.inviteLink(jid, true);
    }

    @GET
    @Path("{jid}")
    @Operation(operationId = "getGroup", summary = "A group the account is in, with its participants and their roles, as WhatsApp has it now")
    public GroupInfo get(@PathParam("jid") String jid) {
        return groups.get(jid);
    }

    @PATCH
    @Path("{jid}")
    @Operation(operationId = "updateGroup", summary = "Change the group's subject, description, announce-only or locked setting, disappearing messages "
            + "(ephemeralSeconds: 86400, 604800, 7776000 or 0), whether admins approve who joins by link (joinApproval) "
            + "or who may add members (memberAddMode: admin_add or all_member_add)")
    public GroupInfo update(@PathParam("jid") String jid, UpdateGroup request) {
        var changes = request == null ? new UpdateGroup(null, null, null, null, null, null, null) : request;
        return groups.update(jid, new GroupService.Changes(changes.subject(), changes.description(), changes.announce(),
                changes.locked(), changes.ephemeralSeconds(), changes.joinApproval(),
                changes.memberAddMode()));
    }

    @POST
    @Path("{jid}/participants")
    @Operation(operationId = "updateGroupParticipants", summary = "Add, remove, promote or demote participants ({\"add\": [...]}); answered per participant")
    public Map<String, Object> participants(@PathParam("jid") String jid, Map<String, List<String>> request) {
        return Map.of("items", groups.changeParticipants(jid, request));
    }

    @POST
    @Path("{jid}/leave")
    @Operation(operationId = "leaveGroup", summary = "Leave the group")
    public Response leave(@PathParam("jid") String jid) {
        groups.leave(jid);
        return Response.noContent().build();
    }
}
