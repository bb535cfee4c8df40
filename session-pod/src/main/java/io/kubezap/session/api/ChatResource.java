package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.chat.Chat;
import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.message.ChatReads;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.presence.Presences;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import io.kubezap.session.message.MessagePage;
import io.kubezap.session.message.MessageQueries;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;

@Path(SessionApi.SESSION + "/chats")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Chats")
public class ChatResource {

    private final ChatRepository chats;
    private final MessageQueries queries;

    private final ChatReads reads;
    private final Presences presences;

    public ChatResource(ChatRepository chats, MessageQueries queries, ChatReads reads, Presences presences) {
        this.chats = chats;
        this.presences = presences;
        this.reads = reads;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Chats, most recently active first")
    public Map<String, List<Chat>> list(@QueryParam("limit") String limit) {
        return Map.of("items", chats.recent(QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT)));
    }

    @GET
    @Path("{jid}")
    @Operation(summary = "One chat, by phone number or JID")
    public Chat get(@PathParam("jid") String jid) {
        String normalized = QueryParams.requiredJid("jid", jid);
        return chats.find(normalized).orElseThrow(() -> ApiException.notFound("No chat with " + normalized));
    }

    @GET
    @Path("{jid}/messages")
    @Operation(summary = "Messages of one chat, newest first, with the same filters and paging as /messages")
    public MessagePage messages(@PathParam("jid") String jid, @QueryParam("direction") String direction,
                                @QueryParam("status") String status, @QueryParam("type") String type,
                                @QueryParam("before") String before, @QueryParam("limit") String limit,
                                @QueryParam("includeDeleted") String includeDeleted) {
        return MessageResource.page(Optional.of(QueryParams.requiredJid("jid", jid)), direction, status, type, before,
                limit, includeDeleted, queries);
    }

    @POST
    @Path("{jid}/presence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Show the chat that this account is typing (composing), recording a voice note, or stopped (paused)")
    public Map<String, Object> chatState(@PathParam("jid") String jid, PresenceResource.StateRequest request) {
        String asked = BodyConstraints.check(request).state();
        EngineEvent.PresenceState state = switch (asked == null ? "" : asked) {
            case "composing" -> EngineEvent.PresenceState.COMPOSING;
            case "recording" -> EngineEvent.PresenceState.RECORDING;
            case "paused" -> EngineEvent.PresenceState.PAUSED;
            default -> throw ApiException.invalid("state", "must be composing, recording or paused");
        };
        return presences.chatState(QueryParams.requiredJid("jid", jid), state);
    }

    @POST
    @Path("{jid}/read")
    @Operation(summary = "Send read receipts for the chat's unread incoming messages and reset its unread count")
    public Map<String, Object> read(@PathParam("jid") String jid) {
        return reads.markRead(QueryParams.requiredJid("jid", jid));
    }
}
