package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.Problem.FieldError;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageActions;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * WhatsApp's calendar events, as WAHA names them: {@code POST /events} creates one in a chat or group (a message of
 * type {@code event}, sent like any other); its guests' answers arrive as {@code event.response} events and in
 * {@code GET /messages/{id}}; its creator changes it ({@code PATCH /events/{id}}) or cancels it
 * ({@code POST /events/{id}/cancel}). Shares its path with the audit log ({@link EventResource}), by method.
 */
@Path(SessionApi.SESSION + "/events")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Messages")
public class EventMessageResource {

    private final SendIntake outgoing;
    private final SendRequests requests;
    private final MessageActions actions;

    public EventMessageResource(SendIntake outgoing, SendRequests requests, MessageActions actions) {
        this.outgoing = outgoing;
        this.requests = requests;
        this.actions = actions;
    }

    /** WAHA's request: the chat ({@code chatId}), the message it replies to ({@code reply_to}) and the event. */
    public record SendEventRequest(String chatId, @Schema(name = "reply_to") @com.fasterxml.jackson.annotation.JsonProperty("reply_to") String replyTo,
                                   @Valid SendMessageRequest.EventRequest event) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendEvent", summary = "Create a calendar event in a chat or group (WAHA's request): name, description, start and end (epoch seconds), location, a WhatsApp call link; 202 with the stored message (type event)")
    @APIResponse(responseCode = "202", description = "Accepted: the stored message, queued to send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public Response send(SendEventRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                         @Context UriInfo uri, @Context HttpHeaders headers) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {chatId, event, reply_to?}");
        }
        var send = requests.fromJson(BodyConstraints.check(SendMessageRequest.event(request.chatId(), request.replyTo(), request.event())));
        var submission = outgoing.submit(send, MessageResource.idempotencyKey(idempotencyKey), MessageResource.trace(headers));
        return Response.accepted(submission.message()).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editEvent", summary = "Change a calendar event this session created (fields given replace the event's; absent ones stay); guests' cards show it changed and their answers stay")
    public Message edit(@PathParam("id") String id, @Valid SendMessageRequest.EventRequest change) {
        Message event = actions.ownEvent(id);
        List<FieldError> errors = new ArrayList<>();
        MessageContent.Event now = EventRequests.changed((MessageContent.Event) event.content(), change, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return actions.changeEvent(event, now);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelEvent", summary = "Cancel a calendar event this session created: guests' cards show it cancelled")
    public Message cancel(@PathParam("id") String id) {
        Message event = actions.ownEvent(id);
        return actions.changeEvent(event, ((MessageContent.Event) event.content()).cancelled());
    }
}
