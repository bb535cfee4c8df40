package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.Submission;
import io.kubezap.session.outbound.SendIntake;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Photos and videos sent as one album, as WhatsApp's apps group them: the album's first message ({@code albumMessage},
 * type {@code album}: how many images and videos follow), then each file naming it. Each is a stored message sent
 * through the outbound queue like any other; {@code GET /messages/{id}} of the first lists the items.
 */
@Path(SessionApi.SESSION + "/albums")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Messages")
public class MessageAlbumResource {

    private final SendIntake outgoing;
    private final AlbumRequests requests;
    private final MessageRepository messages;

    public MessageAlbumResource(SendIntake outgoing, AlbumRequests requests, MessageRepository messages) {
        this.outgoing = outgoing;
        this.requests = requests;
        this.messages = messages;
    }

    /** The album: to {@code chatId} (phone number or JID), 2 to 30 photos and videos. */
    public record SendAlbumRequest(String chatId,
                                   @Schema(description = "2 to 30 photos and videos, in the order the album shows them") @Valid List<AlbumItem> items) {
    }

    /** A photo or video of an album ({@code type} image or video; the file as in {@code POST /messages}) with its caption. */
    public record AlbumItem(String type, @Valid SendMessageRequest.MediaSource media, @Size(max = 255) String mimeType,
                            @Size(max = 4096) String caption) {
    }

    /** The album's first message (type {@code album}) and its items, in order, each queued to send. */
    public record SentAlbum(Message album, List<Message> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendAlbum", summary = "Send 2 to 30 photos and videos to one chat as one album (each with its own caption); "
            + "202 with the album's first message (type album) and its items. An Idempotency-Key replays the original album")
    @APIResponse(responseCode = "202", description = "Accepted: the album's messages, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SentAlbum.class)))
    public Response send(SendAlbumRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                         @Context HttpHeaders headers) {
        AlbumRequests.Album album = requests.of(request);
        Submission submission = outgoing.submitAlbum(album.first(), album.items(), MessageResource.idempotencyKey(idempotencyKey),
                MessageResource.trace(headers));
        Message first = submission.message();
        Response.ResponseBuilder response = Response.accepted(new SentAlbum(first, messages.albumItems(first)));
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
