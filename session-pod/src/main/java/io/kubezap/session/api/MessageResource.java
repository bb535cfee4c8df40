package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageActions;
import io.kubezap.session.message.VoiceNotePlays;
import io.kubezap.session.message.MessageEdits;
import io.kubezap.session.message.ParticipantReceipt;
import io.kubezap.session.message.PollResults;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.PATCH;
import io.kubezap.session.message.MessageCursor;
import io.kubezap.session.message.MessageDetail;
import io.kubezap.session.message.MessageFilter;
import io.kubezap.session.message.MessagePage;
import io.kubezap.session.message.MessageQueries;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.message.Submission;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.message.SendCommand;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import io.kubezap.session.chat.ChatStates;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.failure.Failure;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.HttpHeaders;
import io.kubezap.session.trace.RequestTrace;
import io.kubezap.session.trace.TraceContext;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;

@Path(SessionApi.SESSION + "/messages")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Messages")
public class MessageResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final SendIntake outgoing;
    private final MessageQueries queries;
    private final MessageRepository messages;
    private final SendRequests requests;

    private final MessageActions actions;
    private final ChatStates chatStates;
    private final VoiceNotePlays plays;

    public MessageResource(SendIntake outgoing, MessageQueries queries, MessageRepository messages,
                           SendRequests requests, MessageActions actions, ChatStates chatStates, VoiceNotePlays plays) {
        this.chatStates = chatStates;
        this.plays = plays;
        this.outgoing = outgoing;
        this.actions = actions;
        this.queries = queries;
        this.messages = messages;
        this.requests = requests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "Send a text or a file (base64 or URL); 202 with the stored message. An Idempotency-Key replays the original message.")
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response send(SendMessageRequest request,
                         @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri, @Context HttpHeaders headers) {
        Optional<String> key = idempotencyKey(idempotencyKey);
        return accepted(outgoing.submit(notAStatus(requests.fromJson(BodyConstraints.check(request))), key, trace(headers)), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "sendMessage", summary = "Send a file uploaded as the part 'file' (streamed to disk), with the JSON request's other fields as form fields")
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response sendMultipart(@RestForm String to, @RestForm String type, @RestForm String caption,
                                  @RestForm String mimeType, @RestForm String fileName, @RestForm String quotedMessageId,
                                  @RestForm List<String> mentions, @RestForm("file") FileUpload file, @RestForm Boolean convert,
                                  @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri,
                                  @Context HttpHeaders headers) {
        Optional<String> key = idempotencyKey(idempotencyKey);
        var form = new SendRequests.Form(to, type, caption, mimeType, fileName, quotedMessageId, mentions, file, convert);
        return accepted(outgoing.submit(notAStatus(requests.fromForm(form)), key, trace(headers)), uri);
    }

    /** A status needs its audience and look: {@code POST /status/…} gives them. */
    private static SendCommand notAStatus(SendCommand send) {
        if (StatusPost.isStatus(send.to())) {
            throw ApiException.invalid("to", "post a status with POST /status/text, /status/image or /status/video");
        }
        return send;
    }

    /** The request's trace context, which the message's webhook deliveries and CloudEvents carry on. */
    static Optional<TraceContext> trace(HttpHeaders headers) {
        return RequestTrace.of(headers.getHeaderString(TraceContext.TRACEPARENT), headers.getHeaderString(TraceContext.TRACESTATE));
    }

    static Optional<String> idempotencyKey(String header) {
        Optional<String> key = QueryParams.text(header);
        if (key.isPresent() && key.get().length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiException.invalid("Idempotency-Key", "must be at most " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return key;
    }

    private static Response accepted(Submission submission, UriInfo uri) {
        Response.ResponseBuilder response = Response.accepted(submission.message())
                .location(uri.getAbsolutePathBuilder().path(submission.message().id()).build());
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Operation(operationId = "listMessages", summary = "Stored messages, newest first; pass nextCursor as 'before' for the next page. Messages deleted for everyone or hidden here are left out unless includeDeleted=true")
    public MessagePage list(@QueryParam("chat") String chat, @QueryParam("direction") String direction,
                            @QueryParam("status") String status, @QueryParam("type") String type,
                            @QueryParam("before") String before,
                            @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
                            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("includeDeleted") String includeDeleted) {
        return page(QueryParams.jid("chat", chat), direction, status, type, before, limit, includeDeleted, queries);
    }

    @GET
    @Path("deleted")
    @Operation(operationId = "listDeletedMessages", summary = "Messages deleted for everyone (content kept), most recently deleted first; pass nextCursor as 'before'")
    public MessagePage deleted(@QueryParam("chat") String chat, @QueryParam("before") String before,
                               @QueryParam("limit") String limit) {
        return queries.deleted(QueryParams.jid("chat", chat), cursor(before), QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getMessage", summary = "One message with its status history (also when deleted)")
    public MessageDetail get(@PathParam("id") String id) {
        return queries.detail(id).orElseThrow(() -> notFound(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editMessage", summary = "Edit the text or caption of a message this session sent, within WhatsApp's 15 minutes; the earlier text is kept in its edit history")
    public Message edit(@PathParam("id") String id, EditRequest request) {
        BodyConstraints.check(request);
        if (request.text() == null || request.text().isBlank()) {
            throw ApiException.invalid("text", "must not be blank");
        }
        return actions.edit(id, request.text());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteMessage", summary = "for=everyone: delete a message this session sent for everyone (within WhatsApp's ~60 hours; kept here, marked deleted); for=me: hide it from this session's lists")
    public Message delete(@PathParam("id") String id, @QueryParam("for") String scope) {
        return switch (QueryParams.text(scope).orElse("")) {
            case "everyone" -> actions.revoke(id);
            case "me" -> actions.hide(id);
            default -> throw ApiException.invalid("for", "must be 'everyone' or 'me'");
        };
    }

    @POST
    @Path("{id}/forward")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "forwardMessage", summary = "Forward a stored message to another chat: its content sent again, marked forwarded; 202 with the new message")
    public Response forward(@PathParam("id") String id, ForwardRequest request,
                            @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        ForwardRequest checked = BodyConstraints.check(request);
        String to = requests.recipient(checked.to());
        return accepted(outgoing.forward(id, to, requests.metadata(checked.metadata()), idempotencyKey(idempotencyKey)), uri);
    }

    /** {@code POST /messages/{id}/forward}: to whom (phone number or JID), with the caller's metadata for the copy. */
    public record ForwardRequest(@NotBlank String to, Map<String, Object> metadata) {
    }

    @POST
    @Path("{id}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reactToMessage", summary = "React to a message with an emoji; an empty emoji takes this session's reaction back")
    public Message react(@PathParam("id") String id, ReactionRequest request) {
        BodyConstraints.check(request);
        if (request.emoji() == null) {
            throw ApiException.invalid("emoji", "is required (\"\" removes the reaction)");
        }
        return actions.react(id, request.emoji());
    }

    @POST
    @Path("{id}/played")
    @Operation(operationId = "markMessagePlayed", summary = "Mark a received voice note played: a played receipt to its writer, "
            + "whose phone shows it listened to, as WhatsApp's apps send when it is played; 409 for any other message")
    public Message played(@PathParam("id") String id) {
        return plays.markPlayed(id);
    }

    @POST
    @Path("{id}/star")
    @Operation(operationId = "starMessage", summary = "Star the message (app state: starred on the phone and other devices too)")
    public Map<String, Object> star(@PathParam("id") String id) {
        return star(id, true);
    }

    @POST
    @Path("{id}/unstar")
    @Operation(operationId = "unstarMessage", summary = "Unstar the message")
    public Map<String, Object> unstar(@PathParam("id") String id) {
        return star(id, false);
    }

    private Map<String, Object> star(String id, boolean starred) {
        Message message = SentMessages.onWhatsApp(messages, id);
        boolean fromMe = message.direction() == Direction.OUT;
        String participant = !fromMe && message.chat().endsWith("@g.us") ? message.from() : null;
        chatStates.change(message.chat(), new ChatChange.Star(message.waMessageId(), fromMe, participant, starred));
        return Map.of("id", id, "chat", message.chat(), "starred", starred);
    }

    @GET
    @Path("{id}/edits")
    @Operation(operationId = "listMessageEdits", summary = "A message's edit history: its current text and every earlier one, oldest first")
    public MessageEdits edits(@PathParam("id") String id) {
        return queries.edits(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("{id}/receipts")
    @Operation(operationId = "listMessageReceipts", summary = "A group message's receipts per participant: how far each got (delivered, read, played) and when")
    public List<ParticipantReceipt> receipts(@PathParam("id") String id) {
        return queries.receipts(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("{id}/poll")
    @Operation(operationId = "getPollResults", summary = "A poll's results: votes per option with the voters, and each voter's current choice")
    public PollResults poll(@PathParam("id") String id) {
        return queries.poll(id).orElseThrow(() -> ApiException.notFound("No poll '" + id + "' in this session"));
    }

    /** {@code PATCH /messages/{id}}. */
    public record EditRequest(@Size(max = 65536) String text) {
    }

    /** {@code POST /messages/{id}/reactions}: one emoji, or "" to remove. */
    public record ReactionRequest(@Size(max = 32) String emoji) {
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No message '" + id + "' in this session");
    }

    @DELETE
    @Operation(operationId = "deleteMessages", summary = "Wipe this session's message history (and its chats)")
    public Map<String, Integer> deleteAll() {
        return Map.of("deleted", messages.deleteAll());
    }

    /** Shared with {@code GET /chats/{jid}/messages}. */
    static MessagePage page(Optional<String> chat, String direction, String status, String type, String before,
                            String limit, String includeDeleted, MessageQueries queries) {
        return queries.page(filter(chat, direction, status, type, includeDeleted), cursor(before),
                QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    static MessageFilter filter(Optional<String> chat, String direction, String status, String type, String includeDeleted) {
        return new MessageFilter(chat,
                QueryParams.oneOf("direction", direction, Direction::fromWire, "in, out"),
                QueryParams.oneOf("status", status, MessageStatus::fromWire,
                        "received, queued, sent, delivered, read, played, failed"),
                QueryParams.text(type), QueryParams.bool("includeDeleted", includeDeleted).orElse(false));
    }

    static Optional<MessageCursor> cursor(String before) {
        return QueryParams.text(before).map(value -> QueryParams.parsed("before", value,
                MessageCursor::decode, "is not a cursor returned by this API (use nextCursor)"));
    }
}
