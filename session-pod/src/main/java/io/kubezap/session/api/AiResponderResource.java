package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.autoreply.AiResponderState;
import io.kubezap.session.autoreply.AutoReplies;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A one-to-one chat's AI responder (spec.autoReply.ai): switched on or off for this chat, and whether a person's answer paused it. */
@Path(SessionApi.SESSION + "/chats/{jid}/ai-responder")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Chats")
public class AiResponderResource {

    /** {@code {"enabled": false}}. */
    public record AiResponderRequest(Boolean enabled) {
    }

    private final AutoReplies autoReplies;

    public AiResponderResource(AutoReplies autoReplies) {
        this.autoReplies = autoReplies;
    }

    @GET
    @Operation(operationId = "getChatAiResponder", summary = "Whether the AI responder (spec.autoReply.ai) answers this chat: "
            + "configured (the session has one), enabled (this chat's switch, on unless switched off), and pausedUntil (a "
            + "person answered the chat; it stays silent until then)")
    public AiResponderState get(@PathParam("jid") String jid) {
        return autoReplies.responderState(QueryParams.requiredJid("jid", jid));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setChatAiResponder", summary = "Switch the AI responder on or off for this chat "
            + "({\"enabled\": false}); a chat never switched follows the session's spec.autoReply.ai")
    public AiResponderState set(@PathParam("jid") String jid, AiResponderRequest request) {
        if (request == null || request.enabled() == null) {
            throw ApiException.invalid("enabled", "must be true or false");
        }
        String chat = QueryParams.requiredJid("jid", jid);
        autoReplies.switchResponder(chat, request.enabled());
        return autoReplies.responderState(chat);
    }
}
