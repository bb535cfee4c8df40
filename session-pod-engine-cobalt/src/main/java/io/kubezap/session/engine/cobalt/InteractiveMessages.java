package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.UnsupportedByEngine;
import it.auties.whatsapp.model.message.button.ButtonsResponseMessage;
import it.auties.whatsapp.model.message.button.InteractiveResponseMessage;
import it.auties.whatsapp.model.message.button.ListResponseMessage;
import it.auties.whatsapp.model.message.button.TemplateReplyMessage;
import it.auties.whatsapp.model.message.model.Message;

import java.util.Optional;

/**
 * Buttons, lists and carousels on Cobalt: none. Cobalt 0.0.10 models {@code interactiveMessage} and {@code listMessage}, but its
 * message stanza carries no {@code <biz>} node, which WhatsApp needs beside them to deliver them to today's apps (without
 * it the server drops them or the phone shows nothing). Adding it means a patched send in {@code cobalt-patches}: not done.
 * A reader's choice on buttons or a list sent from another client is read, whichever of WhatsApp's four replies carries it.
 */
final class InteractiveMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The native-flow button a list's row is chosen with; any other (quick_reply) is a button's. */
    private static final String SINGLE_SELECT = "single_select";

    private InteractiveMessages() {
    }

    /** The reader's choice this message carries, or empty when it is none. */
    static Optional<MessageContent.Choice> choice(Message message) {
        return Optional.ofNullable(switch (message) {
            case ButtonsResponseMessage reply -> button(reply.buttonId(), reply.buttonText().orElse(null));
            case TemplateReplyMessage reply -> button(reply.id(), reply.buttonText());
            case ListResponseMessage reply -> new MessageContent.Choice(MessageContent.Choice.LIST,
                    reply.reply() == null ? null : reply.reply().rowId(), reply.title());
            case InteractiveResponseMessage reply when reply.nativeFlowResponseMessage() != null -> nativeFlow(reply);
            default -> null;
        });
    }

    private static MessageContent.Choice button(String id, String text) {
        return new MessageContent.Choice(MessageContent.Choice.BUTTON, id, text);
    }

    /** A native-flow answer names the chosen button's or row's id in its parameters' {@code id}. */
    private static MessageContent.Choice nativeFlow(InteractiveResponseMessage reply) {
        var flow = reply.nativeFlowResponseMessage();
        String id;
        try {
            JsonNode params = JSON.readTree(flow.paramsJson() == null ? "{}" : flow.paramsJson());
            id = params.path("id").isMissingNode() ? null : params.path("id").asText();
        } catch (java.io.IOException unreadable) {
            id = null;
        }
        String text = reply.body() == null ? null : reply.body().content();
        return new MessageContent.Choice(SINGLE_SELECT.equals(flow.name()) ? MessageContent.Choice.LIST : MessageContent.Choice.BUTTON,
                id, text);
    }

    static UnsupportedByEngine unsupported() {
        return new UnsupportedByEngine("Cobalt", "Buttons, lists and carousels (interactive messages)",
                "Cobalt 0.0.10 writes no <biz> node beside a message, which WhatsApp needs to deliver buttons, lists and carousels;"
                        + " use spec.engine Baileys for them");
    }
}
