package io.kubezap.session.api;

import io.kubezap.session.message.Direction;
import io.kubezap.session.message.MessageCursor;
import io.kubezap.session.message.MessageDetail;
import io.kubezap.session.message.MessageFilter;
import io.kubezap.session.message.MessagePage;
import io.kubezap.session.message.MessageQueries;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.message.OutgoingMessages;
import io.kubezap.session.message.Submission;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.problem.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;
import java.util.Map;
import java.util.Optional;

@Path(SessionResource.BASE + "/messages")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Messages")
public class MessageResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final OutgoingMessages outgoing;
    private final MessageQueries queries;
    private final MessageRepository messages;
    private final SendRequests requests;

    public MessageResource(OutgoingMessages outgoing, MessageQueries queries, MessageRepository messages,
                           SendRequests requests) {
        this.outgoing = outgoing;
        this.queries = queries;
        this.messages = messages;
        this.requests = requests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a text or a file (base64 or URL); 202 with the stored message. An Idempotency-Key replays the original message.")
    public Response send(@Valid @NotNull SendMessageRequest request,
                         @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        Optional<String> key = idempotencyKey(idempotencyKey);
        return accepted(outgoing.submit(requests.fromJson(request), key), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Send a file uploaded as the part 'file' (streamed to disk), with the JSON request's other fields as form fields")
    public Response sendMultipart(@RestForm String to, @RestForm String type, @RestForm String caption,
                                  @RestForm String mimeType, @RestForm String fileName, @RestForm String quotedMessageId,
                                  @RestForm List<String> mentions, @RestForm("file") FileUpload file,
                                  @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        Optional<String> key = idempotencyKey(idempotencyKey);
        var form = new SendRequests.Form(to, type, caption, mimeType, fileName, quotedMessageId, mentions, file);
        return accepted(outgoing.submit(requests.fromForm(form), key), uri);
    }

    private static Optional<String> idempotencyKey(String header) {
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
    @Operation(summary = "Stored messages, newest first; pass nextCursor as 'before' for the next page")
    public MessagePage list(@QueryParam("chat") String chat, @QueryParam("direction") String direction,
                            @QueryParam("status") String status, @QueryParam("type") String type,
                            @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return page(QueryParams.jid("chat", chat), direction, status, type, before, limit, queries);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One message with its status history")
    public MessageDetail get(@PathParam("id") String id) {
        return queries.detail(id).orElseThrow(() -> ApiException.notFound("No message '" + id + "' in this session"));
    }

    @DELETE
    @Operation(summary = "Wipe this session's message history (and its chats)")
    public Map<String, Integer> deleteAll() {
        return Map.of("deleted", messages.deleteAll());
    }

    /** Shared with {@code GET /chats/{jid}/messages}. */
    static MessagePage page(Optional<String> chat, String direction, String status, String type, String before,
                            String limit, MessageQueries queries) {
        MessageFilter filter = new MessageFilter(chat,
                QueryParams.oneOf("direction", direction, Direction::fromWire, "in, out"),
                QueryParams.oneOf("status", status, MessageStatus::fromWire,
                        "received, queued, sent, delivered, read, played, failed"),
                QueryParams.text(type));
        Optional<MessageCursor> cursor = QueryParams.text(before).map(value -> QueryParams.parsed("before", value,
                MessageCursor::decode, "is not a cursor returned by this API (use nextCursor)"));
        return queries.page(filter, cursor, QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
