package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessagePage;
import io.kubezap.session.message.MessageQueries;
import io.kubezap.session.message.Submission;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.status.StatusService;
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
import java.util.Optional;

/**
 * Statuses (stories), under the names WAHA gives them: {@code POST /status/text}, {@code /status/image},
 * {@code /status/video}, {@code /status/delete}. A status is a message in chat {@code status@broadcast}: its file is
 * {@code GET /messages/{id}/media}, who saw it {@code GET /messages/{id}/receipts}.
 */
@Path(SessionApi.SESSION + "/status")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Status")
public class StatusResource {

    /**
     * A status: {@code text} (with {@code backgroundColor} {@code #RRGGBB} and {@code font} 0–5), or a file
     * ({@code media} url or base64 data, {@code mimeType}, {@code caption}); shown to {@code contacts} (phone numbers or
     * JIDs), or to every saved contact when absent.
     */
    public record PostStatus(@Size(max = 65536) String text, @Size(max = 9) String backgroundColor, Integer font,
                             @Valid SendMessageRequest.MediaSource media, @Size(max = 255) String mimeType,
                             @Size(max = 4096) String caption, @Size(max = 10000) List<String> contacts,
                             Map<String, Object> metadata) {
    }

    /** {@code POST /status/delete}: the status's id (this API's). */
    public record DeleteStatus(String id) {
    }

    private final StatusService statuses;
    private final SendRequests requests;
    private final MessageQueries queries;

    public StatusResource(StatusService statuses, SendRequests requests, MessageQueries queries) {
        this.statuses = statuses;
        this.requests = requests;
        this.queries = queries;
    }

    @POST
    @Path("text")
    @Operation(operationId = "postTextStatus", summary = "Post a text status (background colour, font) to the contacts given, or to every saved contact; 202 with the queued message")
    public Response text(PostStatus request, @HeaderParam("Idempotency-Key") String idempotencyKey, @Context HttpHeaders headers) {
        return post("text", request, idempotencyKey, headers);
    }

    @POST
    @Path("image")
    @Operation(operationId = "postImageStatus", summary = "Post an image status (media url or base64 data, caption); 202 with the queued message")
    public Response image(PostStatus request, @HeaderParam("Idempotency-Key") String idempotencyKey, @Context HttpHeaders headers) {
        return post("image", request, idempotencyKey, headers);
    }

    @POST
    @Path("video")
    @Operation(operationId = "postVideoStatus", summary = "Post a video status (media url or base64 data, caption); 202 with the queued message")
    public Response video(PostStatus request, @HeaderParam("Idempotency-Key") String idempotencyKey, @Context HttpHeaders headers) {
        return post("video", request, idempotencyKey, headers);
    }

    @POST
    @Path("delete")
    @Operation(operationId = "deleteStatus", summary = "Delete one of the account's statuses for everyone who could see it")
    public Message delete(DeleteStatus request) {
        if (request == null || request.id() == null || request.id().isBlank()) {
            throw ApiException.invalid("id", "must not be blank");
        }
        return statuses.delete(request.id());
    }

    @POST
    @Path("{id}/seen")
    @Operation(operationId = "markStatusSeen", summary = "Mark a contact's status seen: their phone counts this account among its viewers")
    public Message seen(@PathParam("id") String id) {
        return statuses.seen(id);
    }

    @GET
    @Operation(operationId = "listStatuses", summary = "Statuses, the account's and its contacts', newest first (direction in: received, out: posted); "
            + "pass nextCursor as 'before' for the next page")
    public MessagePage list(@QueryParam("direction") String direction, @QueryParam("before") String before,
                            @QueryParam("limit") String limit) {
        return MessageResource.page(Optional.of(StatusPost.BROADCAST), direction, null, null, before, limit, null, queries);
    }

    private Response post(String type, PostStatus request, String idempotencyKey, HttpHeaders headers) {
        var given = request == null ? new PostStatus(null, null, null, null, null, null, null, null) : request;
        var look = StatusService.look(type, given.backgroundColor(), given.font());
        var send = SendMessageRequest.post(type, StatusPost.BROADCAST, given.text(), given.media(), given.mimeType(),
                given.caption(), null, null, given.metadata());
        var audience = given.contacts() == null ? List.<String>of() : given.contacts().stream().map(requests::recipient).toList();
        Submission submission = statuses.post(requests.fromJson(BodyConstraints.check(send)), look, audience,
                MessageResource.idempotencyKey(idempotencyKey), MessageResource.trace(headers));
        return Response.accepted(submission.message()).build();
    }
}
