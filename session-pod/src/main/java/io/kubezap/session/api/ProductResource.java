package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.business.ProductCards;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.Message;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.problem.ApiException;
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

import java.util.ArrayList;
import java.util.List;

/**
 * A product of the account's catalog sent as its card (Green API's and Z-API's {@code sendProduct}): read from the
 * catalog as it is now, then sent like any other message (type {@code product}).
 */
@Path(SessionApi.SESSION + "/product")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Messages")
public class ProductResource {

    private final SendIntake outgoing;
    private final SendRequests requests;
    private final ProductCards cards;

    public ProductResource(SendIntake outgoing, SendRequests requests, ProductCards cards) {
        this.outgoing = outgoing;
        this.requests = requests;
        this.cards = cards;
    }

    /** The chat ({@code chatId}), the catalog's product ({@code productId}) and the card's own texts. */
    public record SendProductRequest(String chatId, @Size(max = 255) String productId, @Size(max = 1024) String body,
                                     @Size(max = 60) String footer) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendProduct", summary = "Send a product of the account's own catalog as its product card (Green API's and Z-API's "
            + "sendProduct): chatId, productId (as GET /business/catalog lists it), body and footer (the card's texts, optional); the card "
            + "shows the product as the catalog has it now; 404 when the catalog has no such product; 202 with the stored message (type product)")
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response send(SendProductRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                         @Context HttpHeaders headers) {
        checked(request);
        // an engine that cannot send a product card answers 501 before the catalog is read
        requests.refuseUnsupported(new MessageContent.Product(request.productId(), null, null, null, null, null, null, null, null,
                null, null));
        var card = cards.card(request.productId().strip(), blankToNull(request.body()), blankToNull(request.footer()));
        var send = requests.structured(request.chatId(), null, card);
        var submission = outgoing.submit(send, MessageResource.idempotencyKey(idempotencyKey), MessageResource.trace(headers));
        return Response.accepted(submission.message()).build();
    }

    private static void checked(SendProductRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {chatId, productId, body?, footer?}");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.chatId() == null || request.chatId().isBlank()) {
            errors.add(new Problem.FieldError("chatId", "must not be blank"));
        }
        if (request.productId() == null || request.productId().isBlank()) {
            errors.add(new Problem.FieldError("productId", "must not be blank: a product id of the account's catalog"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        BodyConstraints.check(request);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
