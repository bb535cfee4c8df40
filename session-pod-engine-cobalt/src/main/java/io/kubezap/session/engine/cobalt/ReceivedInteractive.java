package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.button.interactive.InteractiveBody;
import it.auties.whatsapp.model.button.interactive.InteractiveButton;
import it.auties.whatsapp.model.button.interactive.InteractiveFooter;
import it.auties.whatsapp.model.button.interactive.InteractiveHeader;
import it.auties.whatsapp.model.button.interactive.InteractiveNativeFlow;
import it.auties.whatsapp.model.message.button.InteractiveMessage;
import it.auties.whatsapp.model.message.button.InteractiveMessageSpec;
import it.auties.whatsapp.model.message.button.ListMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.standard.ImageMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Buttons, a list or a carousel someone sent the account, read as the Baileys bridge reads them: the quick-reply
 * buttons of an {@code interactiveMessage}'s native flow, a {@code listMessage}'s sections and rows, a carousel's cards
 * (each picture as known before any download: type, size, SHA-256). Cobalt 0.0.10 had no carousel (the replaced
 * {@code InteractiveMessage} of {@code cobalt-patches} keeps its bytes); before, these were stored as {@code interactive}
 * or {@code list} with nothing of their content.
 */
final class ReceivedInteractive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUICK_REPLY = "quick_reply";
    private static final int CARDS = 1;

    private ReceivedInteractive() {
    }

    /** {@code message} as buttons, a list or a carousel; empty when it is none of them. */
    static Optional<MessageContent.Structured> read(Message message) {
        return Optional.ofNullable(switch (message) {
            case InteractiveMessage carousel when carousel.carouselMessage().isPresent() -> new MessageContent.Carousel(
                    body(carousel), footer(carousel), cards(carousel.carouselMessage().get()));
            case InteractiveMessage buttons when buttons.contentNativeFlow().isPresent() -> new MessageContent.Buttons(body(buttons),
                    footer(buttons), quickReplies(buttons.contentNativeFlow().get()));
            case ListMessage list -> new MessageContent.ListMessage(list.description().orElse(null), list.footer().orElse(null),
                    list.button(), list.sections().stream().map(section -> new MessageContent.ListMessage.Section(section.title(),
                            section.rows().stream().map(row -> new MessageContent.ListMessage.Row(row.id(), row.title(), row.description()))
                                    .toList())).toList());
            default -> null;
        });
    }

    private static List<MessageContent.Carousel.Card> cards(byte[] carousel) {
        var in = ProtobufInputStream.fromBytes(carousel);
        var cards = new ArrayList<MessageContent.Carousel.Card>();
        while (in.readTag()) {
            if (in.index() == CARDS) {
                var card = InteractiveMessageSpec.decode(in.readLengthDelimited());
                var header = card.header();
                cards.add(new MessageContent.Carousel.Card(header.flatMap(InteractiveHeader::attachmentImage).map(ReceivedInteractive::picture)
                        .orElse(null), header.map(InteractiveHeader::title).orElse(null), body(card), footer(card),
                        card.contentNativeFlow().map(ReceivedInteractive::quickReplies).orElse(List.of())));
            } else {
                in.readUnknown(false);
            }
        }
        return cards;
    }

    private static MessageContent.Carousel.CardImage picture(ImageMessage image) {
        return new MessageContent.Carousel.CardImage(image.mimetype().orElse(null),
                image.mediaSize().isPresent() ? image.mediaSize().getAsLong() : null,
                image.mediaSha256().map(HexFormat.of()::formatHex).orElse(null), null);
    }

    private static String body(InteractiveMessage message) {
        return message.body().map(InteractiveBody::content).orElse(null);
    }

    private static String footer(InteractiveMessage message) {
        return message.footer().map(InteractiveFooter::content).orElse(null);
    }

    private static List<MessageContent.Buttons.Button> quickReplies(InteractiveNativeFlow flow) {
        return flow.buttons().stream().filter(button -> QUICK_REPLY.equals(button.name())).map(ReceivedInteractive::button).toList();
    }

    private static MessageContent.Buttons.Button button(InteractiveButton button) {
        try {
            JsonNode params = JSON.readTree(button.parameters().orElse("{}"));
            return new MessageContent.Buttons.Button(params.path("id").asText(null), params.path("display_text").asText(null));
        } catch (IOException unreadable) {
            return new MessageContent.Buttons.Button(null, null);
        }
    }
}
