package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.chat.Chat;
import io.kubezap.session.chat.ChatCursor;
import io.kubezap.session.chat.ChatFilter;
import io.kubezap.session.chat.ChatPage;
import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.chat.ChatStates;
import io.kubezap.session.engine.ChatChange;
import jakarta.ws.rs.DELETE;
import io.kubezap.session.failure.Failure;
import java.time.Instant;
import io.kubezap.session.message.ChatReads;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.presence.Presences;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import io.kubezap.session.message.ChatMessagePage;
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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ChatResource.class);

    private final ChatRepository chats;
    private final MessageQueries queries;

    private final ChatReads reads;
    private final Presences presences;
    private final ChatStates states;

    public ChatResource(ChatRepository chats, MessageQueries queries, ChatReads reads, Presences presences, ChatStates states) {
        this.states = states;
        this.chats = chats;
        this.presences = presences;
        this.reads = reads;
        this.queries = queries;
    }

    @GET
    @Operation(operationId = "listChats", summary = "Chats as the phone has them: pinned first, then the most recently active; filters archived, "
            + "pinned, unread, group (true/false) and label (a label id); page on with cursor=nextCursor")
    public ChatPage list(@QueryParam("archived") String archived, @QueryParam("pinned") String pinned,
                         @QueryParam("unread") String unread, @QueryParam("group") String group,
                         @QueryParam("label") String label, @QueryParam("cursor") String cursor,
                         @QueryParam("limit") String limit) {
        ChatFilter filter = new ChatFilter(QueryParams.bool("archived", archived), QueryParams.bool("pinned", pinned),
                QueryParams.bool("unread", unread), QueryParams.bool("group", group), QueryParams.text(label));
        Optional<ChatCursor> after = QueryParams.text(cursor).map(value -> QueryParams.parsed("cursor", value,
                ChatCursor::decode, "is not a cursor returned by this API (use nextCursor)"));
        int size = QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT);
        List<Chat> rows = chats.list(filter, after, size + 1);
        if (rows.size() <= size) {
            return new ChatPage(rows, null);
        }
        List<Chat> page = rows.subList(0, size);
        return new ChatPage(List.copyOf(page), ChatCursor.after(page.get(size - 1)).encode());
    }

    @GET
    @Path("{jid}")
    @Operation(operationId = "getChat", summary = "One chat, by phone number or JID")
    public Chat get(@PathParam("jid") String jid) {
        String normalized = QueryParams.requiredJid("jid", jid);
        return chats.find(normalized).orElseThrow(() -> ApiException.notFound("No chat with " + normalized));
    }

    @GET
    @Path("{jid}/messages")
    @Operation(operationId = "listChatMessages", summary = "Messages of one chat, newest first, with the same filters and paging as /messages, and the total the filters let through")
    public ChatMessagePage messages(@PathParam("jid") String jid, @QueryParam("direction") String direction,
                                    @QueryParam("status") String status, @QueryParam("type") String type,
                                    @QueryParam("before") String before, @QueryParam("limit") String limit,
                                    @QueryParam("includeDeleted") String includeDeleted) {
        return queries.chatPage(MessageResource.filter(Optional.of(QueryParams.requiredJid("jid", jid)), direction, status,
                type, includeDeleted), MessageResource.cursor(before),
                QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT));
    }

    @POST
    @Path("{jid}/presence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendChatPresence", summary = "Show the chat that this account is typing (composing), recording a voice note, or stopped (paused)")
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
    @Operation(operationId = "markChatRead", summary = "Send read receipts for the chat's unread incoming messages, reset its unread count and mark it read on the phone (app state)")
    public Map<String, Object> read(@PathParam("jid") String jid) {
        Map<String, Object> marked = reads.markRead(QueryParams.requiredJid("jid", jid));
        try {
            states.change((String) marked.get("chat"), new ChatChange.MarkRead(true));
        } catch (Failure notOnThePhone) {
            // the receipts went out and the chat is read here; the phone's read mark is app state, which the engine
            // may not hold the key for yet (before the phone shared it)
            LOG.debugf("The chat was read but not marked read on the phone: %s", notOnThePhone.getMessage());
        }
        return marked;
    }

    @POST
    @Path("{jid}/archive")
    @Operation(operationId = "archiveChat", summary = "Archive the chat (app state: the phone and other devices show it archived)")
    public Chat archive(@PathParam("jid") String jid) {
        return change(jid, new ChatChange.Archive(true));
    }

    @POST
    @Path("{jid}/unarchive")
    @Operation(operationId = "unarchiveChat", summary = "Take the chat out of the archive")
    public Chat unarchive(@PathParam("jid") String jid) {
        return change(jid, new ChatChange.Archive(false));
    }

    @POST
    @Path("{jid}/pin")
    @Operation(operationId = "pinChat", summary = "Pin the chat to the top of the chat list")
    public Chat pin(@PathParam("jid") String jid) {
        return change(jid, new ChatChange.Pin(true));
    }

    @POST
    @Path("{jid}/unpin")
    @Operation(operationId = "unpinChat", summary = "Unpin the chat")
    public Chat unpin(@PathParam("jid") String jid) {
        return change(jid, new ChatChange.Pin(false));
    }

    @POST
    @Path("{jid}/mute")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "muteChat", summary = "Mute the chat's notifications until a time ({\"until\": ISO-8601}), or for ever (no body or no until)")
    public Chat mute(@PathParam("jid") String jid, MuteRequest request) {
        Instant until = request == null || request.until() == null ? ChatChange.MUTED_FOREVER
                : QueryParams.instant("until", request.until()).orElseThrow();
        if (!until.isAfter(Instant.now())) {
            throw ApiException.invalid("until", "must be in the future");
        }
        return change(jid, new ChatChange.Mute(until));
    }

    @POST
    @Path("{jid}/unmute")
    @Operation(operationId = "unmuteChat", summary = "Unmute the chat")
    public Chat unmute(@PathParam("jid") String jid) {
        return change(jid, new ChatChange.Mute(null));
    }

    @POST
    @Path("{jid}/unread")
    @Operation(operationId = "markChatUnread", summary = "Mark the chat unread (the unread mark on the phone and other devices)")
    public Chat markUnread(@PathParam("jid") String jid) {
        return change(jid, new ChatChange.MarkRead(false));
    }

    @POST
    @Path("{jid}/clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "clearChat", summary = "Clear the chat's messages, here and on the phone ({\"keepStarred\": true} keeps starred ones); the chat stays")
    public Chat clear(@PathParam("jid") String jid, ClearRequest request) {
        return change(jid, new ChatChange.Clear(request != null && Boolean.TRUE.equals(request.keepStarred())));
    }

    @DELETE
    @Path("{jid}")
    @Operation(operationId = "deleteChat", summary = "Delete the chat with its messages, here and on the phone")
    public Map<String, Object> delete(@PathParam("jid") String jid) {
        String normalized = existing(jid);
        states.change(normalized, new ChatChange.Delete());
        return Map.of("chat", normalized, "deleted", true);
    }

    private Chat change(String jid, ChatChange change) {
        String normalized = existing(jid);
        return states.change(normalized, change).orElseThrow(() -> ApiException.notFound("No chat with " + normalized));
    }

    private String existing(String jid) {
        String normalized = QueryParams.requiredJid("jid", jid);
        chats.find(normalized).orElseThrow(() -> ApiException.notFound("No chat with " + normalized));
        return normalized;
    }

    /** {@code {"until": "2030-01-01T00:00:00Z"}}; without it, muted for ever. */
    public record MuteRequest(String until) {
    }

    /** {@code {"keepStarred": true}}. */
    public record ClearRequest(Boolean keepStarred) {
    }
}
