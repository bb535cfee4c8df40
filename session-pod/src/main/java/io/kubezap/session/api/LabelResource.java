package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.chat.Chat;
import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.chat.ChatStates;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.label.Label;
import io.kubezap.session.label.LabelRepository;
import io.kubezap.session.label.Labels;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.problem.ApiException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** WhatsApp Business labels: listed, created, changed and deleted, and put on chats and messages (app state, both ways). */
@Path(SessionApi.SESSION + "/labels")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Labels")
public class LabelResource {

    private static final int MAX_COLOR = 19;

    private final LabelRepository labels;
    private final Labels service;
    private final ChatRepository chats;
    private final ChatStates states;
    private final MessageRepository messages;

    public LabelResource(LabelRepository labels, Labels service, ChatRepository chats, ChatStates states,
                         MessageRepository messages) {
        this.labels = labels;
        this.service = service;
        this.chats = chats;
        this.states = states;
        this.messages = messages;
    }

    @GET
    @Operation(operationId = "listLabels", summary = "The account's labels (WhatsApp Business), as its app state has them")
    public Map<String, List<Label>> list() {
        return Map.of("items", labels.all());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createLabel", summary = "Create a label ({name, color: 0-19}); the phone shows it")
    public Label create(LabelRequest request) {
        BodyConstraints.check(request);
        return service.edit(null, request.name(), color(request), false).orElseThrow();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renameLabel", summary = "Rename or recolour a label")
    public Label update(@PathParam("id") String id, LabelRequest request) {
        BodyConstraints.check(request);
        existing(id);
        return service.edit(id, request.name(), color(request), false).orElseThrow();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteLabel", summary = "Delete a label; it comes off every chat")
    public Map<String, Object> delete(@PathParam("id") String id) {
        Label label = existing(id);
        service.edit(id, label.name(), label.color(), true);
        return Map.of("id", id, "deleted", true);
    }

    @PUT
    @Path("{id}/chats/{jid}")
    @Operation(operationId = "addChatLabel", summary = "Put the label on a chat")
    public Chat assign(@PathParam("id") String id, @PathParam("jid") String jid) {
        return label(id, jid, true);
    }

    @DELETE
    @Path("{id}/chats/{jid}")
    @Operation(operationId = "removeChatLabel", summary = "Take the label off a chat")
    public Chat unassign(@PathParam("id") String id, @PathParam("jid") String jid) {
        return label(id, jid, false);
    }

    @PUT
    @Path("{id}/messages/{messageId}")
    @Operation(operationId = "addMessageLabel", summary = "Put the label on a message (the phone shows it on the message)")
    public Map<String, Object> assignToMessage(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        return labelMessage(id, messageId, true);
    }

    @DELETE
    @Path("{id}/messages/{messageId}")
    @Operation(operationId = "removeMessageLabel", summary = "Take the label off a message")
    public Map<String, Object> unassignFromMessage(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        return labelMessage(id, messageId, false);
    }

    private Map<String, Object> labelMessage(String id, String messageId, boolean labeled) {
        existing(id);
        Message message = SentMessages.onWhatsApp(messages, messageId);
        states.change(message.chat(), new ChatChange.Label(id, message.waMessageId(), labeled));
        return Map.of("labelId", id, "messageId", messageId, "chat", message.chat(), "labeled", labeled);
    }

    private Chat label(String id, String jid, boolean labeled) {
        existing(id);
        String chat = QueryParams.requiredJid("jid", jid);
        chats.find(chat).orElseThrow(() -> ApiException.notFound("No chat with " + chat));
        return states.change(chat, new ChatChange.Label(id, null, labeled)).orElseThrow();
    }

    private Label existing(String id) {
        return labels.all().stream().filter(label -> label.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No label '" + id + "' in this session"));
    }

    private static int color(LabelRequest request) {
        int color = request.color() == null ? 0 : request.color();
        if (color < 0 || color > MAX_COLOR) {
            throw ApiException.invalid("color", "must be 0 to " + MAX_COLOR + " (WhatsApp's palette)");
        }
        return color;
    }

    /** {@code {"name": "Pedido novo", "color": 3}}. */
    public record LabelRequest(@NotBlank @Size(max = 100) String name, Integer color) {
    }
}
