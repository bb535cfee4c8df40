package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.button.base.ButtonRowBuilder;
import it.auties.whatsapp.model.button.base.ButtonSection;
import it.auties.whatsapp.model.button.base.ButtonSectionBuilder;
import it.auties.whatsapp.model.button.interactive.InteractiveBodyBuilder;
import it.auties.whatsapp.model.button.interactive.InteractiveButton;
import it.auties.whatsapp.model.button.interactive.InteractiveButtonBuilder;
import it.auties.whatsapp.model.button.interactive.InteractiveFooterBuilder;
import it.auties.whatsapp.model.button.interactive.InteractiveNativeFlow;
import it.auties.whatsapp.model.button.interactive.InteractiveNativeFlowBuilder;
import it.auties.whatsapp.model.message.button.ButtonsResponseMessage;
import it.auties.whatsapp.model.message.button.InteractiveMessage;
import it.auties.whatsapp.model.message.button.InteractiveMessageBuilder;
import it.auties.whatsapp.model.message.button.ListMessage;
import it.auties.whatsapp.model.message.button.ListMessageBuilder;
import it.auties.whatsapp.model.message.button.InteractiveResponseMessage;
import it.auties.whatsapp.model.message.button.ListResponseMessage;
import it.auties.whatsapp.model.message.button.TemplateReplyMessage;
import it.auties.whatsapp.model.message.model.Message;

import java.util.List;
import java.util.Optional;

/**
 * Buttons and lists on Cobalt, built as WhatsApp Business apps send them now: buttons as an {@code interactiveMessage} whose
 * native-flow buttons are quick replies, a list as a single-select {@code listMessage}. Cobalt 0.0.10 models both but writes
 * no {@code <biz>} node beside them, which WhatsApp needs to deliver them: {@link BizNodes} adds it. Carousels are built
 * by {@link Carousels}. A reader's choice is read whichever of WhatsApp's four replies carries it.
 */
final class InteractiveMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The native-flow button a list's row is chosen with; any other (quick_reply) is a button's. */
    private static final String SINGLE_SELECT = "single_select";
    private static final String QUICK_REPLY = "quick_reply";
    private static final int NATIVE_FLOW_VERSION = 1;

    private InteractiveMessages() {
    }

    /** Buttons as an {@code interactiveMessage} of quick-reply native-flow buttons. */
    static InteractiveMessage message(MessageContent.Buttons buttons) {
        return withTexts(buttons.text(), buttons.footer()).contentNativeFlow(quickReplies(buttons.buttons())).build();
    }

    /** An {@code interactiveMessage} under way with its body and, when given, its footer. */
    static InteractiveMessageBuilder withTexts(String body, String footer) {
        return new InteractiveMessageBuilder().body(new InteractiveBodyBuilder().content(body).build())
                .footer(footer == null ? null : new InteractiveFooterBuilder().content(footer).build());
    }

    /** The native flow of {@code buttons}, each a quick reply. */
    static InteractiveNativeFlow quickReplies(List<MessageContent.Buttons.Button> buttons) {
        return new InteractiveNativeFlowBuilder().version(NATIVE_FLOW_VERSION)
                .buttons(buttons.stream().map(InteractiveMessages::quickReply).toList()).build();
    }

    private static InteractiveButton quickReply(MessageContent.Buttons.Button button) {
        var params = JSON.createObjectNode().put("display_text", button.text()).put("id", button.id());
        return new InteractiveButtonBuilder().name(QUICK_REPLY).parameters(params.toString()).build();
    }

    /** A list as a single-select {@code listMessage}. */
    static ListMessage message(MessageContent.ListMessage list) {
        return new ListMessageBuilder().description(list.text()).button(list.buttonText()).footer(list.footer())
                .listType(ListMessage.Type.SINGLE_SELECT).sections(list.sections().stream().map(InteractiveMessages::section).toList())
                .build();
    }

    /** A section without a title and a row without a description leave them off (cobalt-patches' {@code ButtonSection}, {@code ButtonRow}). */
    private static ButtonSection section(MessageContent.ListMessage.Section section) {
        return new ButtonSectionBuilder().title(section.title()).rows(section.rows().stream()
                .map(row -> new ButtonRowBuilder().id(row.id()).title(row.title()).description(row.description()).build()).toList())
                .build();
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
}
