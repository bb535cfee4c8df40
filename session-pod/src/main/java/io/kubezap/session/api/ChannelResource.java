package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.channel.Channel;
import io.kubezap.session.channel.ChannelMessage;
import io.kubezap.session.channel.ChannelService;
import io.kubezap.session.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Channels (newsletters), with the names WAHA gives these endpoints: {@code GET/POST /channels}, {@code GET
 * /channels/{id}} (an id or an invite code), {@code POST /channels/{id}/follow} and {@code /unfollow}. The posts of
 * followed channels arrive as messages of the channel's chat ({@code message.received}, {@code GET /messages?chat=}).
 */
@Path(SessionApi.SESSION + "/channels")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class ChannelResource {

    /** {@code POST /channels}. */
    public record CreateChannel(String name, String description) {
    }

    /** {@code POST /channels/follow}: the channel's id, or its invite link or code. */
    public record Follow(String id, String invite) {
    }

    /** {@code POST /channels/{id}/messages}: a text, or a message as {@code POST /messages} takes it (without {@code to}). */
    public record Post(String type, @Size(max = 65536) String text, @Valid SendMessageRequest.LocationRequest location,
                       @Valid SendMessageRequest.PollRequest poll, Map<String, Object> metadata) {
    }

    /** {@code POST /channels/{id}/messages/{messageId}/reaction}: an emoji, or empty to withdraw the account's reaction. */
    public record Reaction(String reaction) {
    }

    private final ChannelService channels;
    private final SendRequests requests;

    public ChannelResource(ChannelService channels, SendRequests requests) {
        this.channels = channels;
        this.requests = requests;
    }

    @GET
    @Operation(operationId = "listChannels", summary = "The channels the account owns, administers or follows, as WhatsApp has them now: {id, name, "
            + "description, invite, inviteCode, picture, verified, role, subscribersCount, muted}; role=OWNER|ADMIN|SUBSCRIBER filters")
    public List<Channel> list(@QueryParam("role") String role) {
        return channels.list(QueryParams.text(role));
    }

    @POST
    @Operation(operationId = "createChannel", summary = "Create a channel (name 1–100 characters, description); the account becomes its owner; 201 with the channel")
    public Response create(CreateChannel request) {
        var given = request == null ? new CreateChannel(null, null) : request;
        return Response.status(201).entity(channels.create(given.name(), given.description())).build();
    }

    @POST
    @Path("follow")
    @Operation(operationId = "followChannelByInvite", summary = "Follow a channel by its id or invite link ({\"invite\": \"https://whatsapp.com/channel/…\"}); "
            + "its posts arrive as messages of its chat from now on; answers the channel")
    public Channel follow(Follow request) {
        var key = request == null ? null : request.invite() != null ? request.invite() : request.id();
        return channels.follow(key);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getChannel", summary = "A channel by its id (…@newsletter) or invite code, as WhatsApp shows it to the account (role GUEST: not followed)")
    public Channel get(@PathParam("id") String id) {
        return channels.get(id);
    }

    @POST
    @Path("{id}/follow")
    @Operation(operationId = "followChannel", summary = "Follow the channel; answers it")
    public Channel followById(@PathParam("id") String id) {
        return channels.follow(ChannelService.jid(id));
    }

    @POST
    @Path("{id}/unfollow")
    @Operation(operationId = "unfollowChannel", summary = "Stop following the channel: its posts no longer arrive")
    public Response unfollow(@PathParam("id") String id) {
        channels.unfollow(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/messages")
    @Operation(operationId = "listChannelMessages", summary = "The channel's posts as WhatsApp keeps them, newest first: {serverId, id, timestamp, type, text, "
            + "views, reactions, myReaction}; limit (≤100), before: a serverId (older posts)")
    public Map<String, Object> messages(@PathParam("id") String id, @QueryParam("limit") String limit,
                                        @QueryParam("before") String before) {
        int count = QueryParams.limit(limit, 20, 100);
        Long older = QueryParams.text(before).map(ChannelResource::serverId).orElse(null);
        List<ChannelMessage> posts = channels.posts(id, count, older);
        return Map.of("items", posts);
    }

    @POST
    @Path("{id}/messages")
    @Operation(operationId = "postChannelMessage", summary = "Post to a channel the account owns or administers (a text, location or poll; 403 not-channel-admin "
            + "otherwise); 202 with the queued message, as POST /messages answers")
    public Response post(@PathParam("id") String id, Post request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                         @Context HttpHeaders headers) {
        var given = request == null ? new Post(null, null, null, null, null) : request;
        var send = SendMessageRequest.post(given.type(), ChannelService.jid(id), given.text(), null, null, null,
                given.location(), given.poll(), given.metadata());
        var submission = channels.post(requests.fromJson(BodyConstraints.check(send)), MessageResource.idempotencyKey(idempotencyKey),
                MessageResource.trace(headers));
        return Response.accepted(submission.message()).build();
    }

    @POST
    @Path("{id}/messages/{messageId}/reaction")
    @Operation(operationId = "reactToChannelMessage", summary = "React to a post ({\"reaction\": \"👍\"}; empty withdraws it); messageId: its serverId, or the id "
            + "of the stored message it arrived as")
    public Response react(@PathParam("id") String id, @PathParam("messageId") String messageId, Reaction request) {
        channels.react(id, messageId, request == null ? null : request.reaction());
        return Response.noContent().build();
    }

    private static long serverId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw ApiException.invalid("before", "must be a post's serverId");
        }
    }
}
