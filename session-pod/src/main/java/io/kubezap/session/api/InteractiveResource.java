package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.outbound.SendIntake;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
 * Reply buttons ({@code POST /buttons}, type {@code buttons}), lists ({@code POST /lists}, type {@code list}) and
 * carousels of cards with reply buttons ({@code POST /carousel}, type {@code carousel}): checked
 * by {@link InteractiveRequests}, then sent like any other structured message. A reader's choice comes back as a
 * message of type {@code button_reply} (a card's button too) or {@code list_reply}.
 */
@Path(SessionApi.SESSION)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Messages")
public class InteractiveResource {

    private static final String RENDERING = " Shown by WhatsApp's phone apps (Android, iOS); WhatsApp Web and Desktop may show"
            + " \"this message is not supported\" instead.";

    private final SendIntake outgoing;
    private final SendRequests requests;
    private final CarouselImages images;

    public InteractiveResource(SendIntake outgoing, SendRequests requests, CarouselImages images) {
        this.outgoing = outgoing;
        this.requests = requests;
        this.images = images;
    }

    /** The chat, the message's text and footer, and 1 to 3 reply buttons. */
    public record SendButtonsRequest(String chatId, @NotBlank @Size(max = 1024) String text, @Size(max = 60) String footer,
                                     @Schema(description = "1 to 3 reply buttons, each id unique") @Valid List<ButtonRequest> buttons) {
    }

    /** A reply button: the id its reply carries and its label. */
    public record ButtonRequest(@NotBlank @Size(max = 256) String id, @NotBlank @Size(max = 20) String text) {
    }

    /** The chat, the message's text and footer, the label of the button opening the list, and its sections. */
    public record SendListRequest(String chatId, @NotBlank @Size(max = 1024) String text, @Size(max = 60) String footer,
                                  @NotBlank @Size(max = 20) String buttonText,
                                  @Schema(description = "1 to 10 sections holding 1 to 10 rows in all, each row id unique") @Valid List<SectionRequest> sections) {
    }

    /** A titled section of a list. */
    public record SectionRequest(@Size(max = 24) String title, @Valid List<RowRequest> rows) {
    }

    /** A row of a list: the id its reply carries, its title and description. */
    public record RowRequest(@NotBlank @Size(max = 200) String id, @NotBlank @Size(max = 24) String title,
                             @Size(max = 72) String description) {
    }

    /** The chat, the message's text and footer, and 2 to 10 cards. */
    public record SendCarouselRequest(String chatId, @NotBlank @Size(max = 1024) String text, @Size(max = 60) String footer,
                                      @Schema(description = "2 to 10 cards, in the order the reader swipes them; each has as many"
                                              + " buttons as the first, button ids unique across the cards") @Valid List<CardRequest> cards) {
    }

    /** A card: its image, title, body, footer and 1 or 2 reply buttons. */
    public record CardRequest(@Schema(description = "The card's picture: url (fetched when the carousel is accepted) or data (base64)")
                              @Valid SendMessageRequest.MediaSource image,
                              @Schema(description = "The image's type (image/jpeg, image/png); found from the file when absent")
                              String mimeType,
                              @Size(max = 60) String title, @NotBlank @Size(max = 160) String body, @Size(max = 60) String footer,
                              @Schema(description = "1 or 2 reply buttons") @Valid List<ButtonRequest> buttons) {
    }

    @POST
    @Path("buttons")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendButtons", summary = "Send a text with 1 to 3 reply buttons (as WhatsApp Business apps send them:"
            + " an interactive message of quick-reply buttons); the reader's tap arrives as a message of type button_reply naming the"
            + " button's id and this message. 202 with the stored message (type buttons)." + RENDERING)
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response sendButtons(SendButtonsRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context HttpHeaders headers) {
        return send(request == null ? null : request.chatId(), InteractiveRequests.buttons(request), idempotencyKey, headers);
    }

    @POST
    @Path("lists")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendList", summary = "Send a text with a button opening a list of rows in sections, of which the reader"
            + " picks one; the choice arrives as a message of type list_reply naming the row's id and this message. 202 with the"
            + " stored message (type list)." + RENDERING)
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response sendList(SendListRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                             @Context HttpHeaders headers) {
        return send(request == null ? null : request.chatId(), InteractiveRequests.list(request), idempotencyKey, headers);
    }

    @POST
    @Path("carousel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendCarousel", summary = "Send a text over 2 to 10 cards the reader swipes through (WhatsApp's"
            + " interactive carousel), each with an image, a title, a body and 1 or 2 reply buttons; a tap on a card's button"
            + " arrives as a message of type button_reply naming the button's id and this message. A card's image given by URL"
            + " is fetched when the carousel is accepted, so a refused or unreachable image is answered now. 202 with the stored"
            + " message (type carousel). Phone app versions from before carousels (2023) show nothing of it." + RENDERING)
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response sendCarousel(SendCarouselRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @Context HttpHeaders headers) {
        MessageContent.Carousel checked = InteractiveRequests.carousel(request);
        SendCommand command = requests.structured(request.chatId(), null, checked);
        MessageContent.Carousel stored = images.stored(request.cards(), checked);
        return submit(new SendCommand(command.to(), stored, null, null, List.of()), idempotencyKey, headers);
    }

    private Response send(String chatId, MessageContent.Structured content, String idempotencyKey, HttpHeaders headers) {
        return submit(requests.structured(chatId, null, content), idempotencyKey, headers);
    }

    private Response submit(SendCommand command, String idempotencyKey, HttpHeaders headers) {
        var submission = outgoing.submit(command, MessageResource.idempotencyKey(idempotencyKey), MessageResource.trace(headers));
        return Response.accepted(submission.message()).build();
    }
}
