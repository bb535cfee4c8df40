package io.kubezap.simulator.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buttons, carousels and lists on the wire ({@code WAE2E.Message}): an {@code interactiveMessage} (45) whose
 * {@code nativeFlowMessage} (6) holds quick-reply buttons (each {@code buttonParamsJson}: {@code display_text}, {@code id}),
 * or whose {@code carouselMessage} (7) holds cards, each an {@code interactiveMessage} with a header picture
 * ({@code header} 1, its {@code imageMessage} 4) and quick-reply buttons,
 * a {@code listMessage} (36) of sections and rows, and the reader's choice on them as today's apps send it: an
 * {@code interactiveResponseMessage} (48, native-flow answer naming the button's id) to buttons, a
 * {@code listResponseMessage} (39, the row's id) to a list, each quoting the message chosen from.
 */
public final class InteractiveMessages {
    static final int LIST = 36;
    static final int LIST_RESPONSE = 39;
    static final int INTERACTIVE = 45;
    static final int INTERACTIVE_RESPONSE = 48;
    private static final int QUICK_REPLY_LIMIT = 3;
    private static final int CAROUSEL = 7;
    private static final int MIN_CARDS = 2;
    private static final int MAX_CARDS = 10;
    private static final int CARD_BUTTON_LIMIT = 2;
    private static final int SINGLE_SELECT = 1;
    /** The {@code <biz>} node's child the apps need beside each kind: {@code interactive} for buttons and carousels, {@code list} for lists. */
    public static final String BUTTONS_NODE = "interactive";
    public static final String LIST_NODE = "list";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InteractiveMessages() {
    }

    static Optional<Content> content(ProtobufReader message) {
        return message.bytes(INTERACTIVE).map(InteractiveMessages::buttons)
                .or(() -> message.bytes(LIST).map(InteractiveMessages::list))
                .or(() -> message.bytes(INTERACTIVE_RESPONSE).map(InteractiveMessages::answer))
                .or(() -> message.bytes(LIST_RESPONSE).map(InteractiveMessages::chosenRow));
    }

    private static Content buttons(byte[] interactive) {
        var reader = ProtobufReader.read(interactive);
        var carousel = reader.bytes(CAROUSEL);
        if (carousel.isPresent()) {
            return new Content.Carousel(text(reader.bytes(2)), text(reader.bytes(3)),
                    ProtobufReader.read(carousel.get()).all(1).stream().map(InteractiveMessages::card).toList());
        }
        return new Content.Buttons(text(reader.bytes(2)), text(reader.bytes(3)), quickReplies(reader));
    }

    private static Content.CarouselCard card(byte[] interactive) {
        var card = ProtobufReader.read(interactive);
        var header = card.bytes(1).map(ProtobufReader::read);
        var image = header.flatMap(fields -> fields.bytes(4)).map(fields -> MediaMessage.of(MediaType.IMAGE, ProtobufReader.read(fields)));
        return new Content.CarouselCard(image.orElse(null), header.flatMap(fields -> fields.string(1)).orElse(null),
                text(card.bytes(2)), text(card.bytes(3)), quickReplies(card));
    }

    private static List<Content.Option> quickReplies(ProtobufReader interactive) {
        var flow = ProtobufReader.read(interactive.bytes(6).orElse(new byte[0]));
        return flow.all(1).stream().map(ProtobufReader::read)
                .filter(button -> "quick_reply".equals(button.string(1).orElse(null)))
                .map(button -> params(button.string(2).orElse("{}")))
                .map(params -> new Content.Option(params.get("id"), params.get("display_text"), null)).toList();
    }

    private static Content list(byte[] list) {
        var reader = ProtobufReader.read(list);
        var sections = reader.all(5).stream().map(ProtobufReader::read).map(section -> new Content.Section(section.string(1).orElse(null),
                section.all(2).stream().map(ProtobufReader::read).map(row -> new Content.Option(row.string(3).orElse(null),
                        row.string(1).orElse(null), row.string(2).orElse(null))).toList())).toList();
        return new Content.ListMessage(reader.string(2).orElse(null), reader.string(7).orElse(null), reader.string(3).orElse(null), sections);
    }

    private static Content answer(byte[] response) {
        var reader = ProtobufReader.read(response);
        var flow = ProtobufReader.read(reader.bytes(2).orElse(new byte[0]));
        var type = "single_select".equals(flow.string(1).orElse(null)) ? "list_reply" : "button_reply";
        return new Content.Choice(type, params(flow.string(2).orElse("{}")).get("id"), text(reader.bytes(1)), quoted(reader.bytes(15)));
    }

    private static Content chosenRow(byte[] response) {
        var reader = ProtobufReader.read(response);
        var row = reader.bytes(3).map(ProtobufReader::read).flatMap(reply -> reply.string(1)).orElse(null);
        return new Content.Choice("list_reply", row, reader.string(1).orElse(null), quoted(reader.bytes(4)));
    }

    private static String text(Optional<byte[]> holder) {
        return holder.flatMap(bytes -> ProtobufReader.read(bytes).string(1)).orElse(null);
    }

    private static String quoted(Optional<byte[]> context) {
        return context.flatMap(bytes -> ProtobufReader.read(bytes).string(1)).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> params(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException unreadable) {
            return Map.of();
        }
    }

    /**
     * What WhatsApp's apps check of buttons or a list before they show them: the {@code <biz>} node the server delivers
     * them with ({@code bizNode}: its child's name, null without one), 1 to 3 buttons or at least one row, each with an
     * id and a label, ids unique. Each failed check is one problem; an app shows neither with any.
     */
    public static List<String> problems(Content content, String bizNode) {
        var problems = new ArrayList<String>();
        List<Content.Option> options = switch (content) {
            case Content.Buttons buttons -> {
                if (!BUTTONS_NODE.equals(bizNode)) {
                    problems.add("no <biz><interactive type=native_flow> node beside the message");
                }
                if (buttons.buttons().isEmpty() || buttons.buttons().size() > QUICK_REPLY_LIMIT) {
                    problems.add("1 to 3 buttons expected, got " + buttons.buttons().size());
                }
                yield buttons.buttons();
            }
            case Content.Carousel carousel -> {
                carouselProblems(carousel, bizNode, problems);
                yield carousel.cards().stream().flatMap(card -> card.buttons().stream()).toList();
            }
            case Content.ListMessage list -> {
                if (!LIST_NODE.equals(bizNode)) {
                    problems.add("no <biz><list> node beside the message");
                }
                if (list.buttonText() == null || list.buttonText().isBlank()) {
                    problems.add("no button text");
                }
                var rows = list.sections().stream().flatMap(section -> section.rows().stream()).toList();
                if (rows.isEmpty()) {
                    problems.add("no rows");
                }
                yield rows;
            }
            default -> List.of();
        };
        if (options.stream().anyMatch(option -> blank(option.id()) || blank(option.title()))) {
            problems.add("a choice without its id or label");
        }
        var ids = new HashSet<String>();
        if (!options.stream().map(Content.Option::id).allMatch(ids::add)) {
            problems.add("two choices with one id");
        }
        return List.copyOf(problems);
    }

    /**
     * A carousel: delivered beside the buttons' node, 2 to 10 cards, each with a header picture (that it downloads is the
     * phone's own check, beside these) and 1 or 2 buttons, all cards with as many buttons (the apps lay them out alike).
     */
    private static void carouselProblems(Content.Carousel carousel, String bizNode, List<String> problems) {
        if (!BUTTONS_NODE.equals(bizNode)) {
            problems.add("no <biz><interactive type=native_flow> node beside the message");
        }
        var cards = carousel.cards();
        if (cards.size() < MIN_CARDS || cards.size() > MAX_CARDS) {
            problems.add(MIN_CARDS + " to " + MAX_CARDS + " cards expected, got " + cards.size());
        }
        for (int i = 0; i < cards.size(); i++) {
            var card = cards.get(i);
            if (card.image() == null) {
                problems.add("card " + (i + 1) + " has no image");
            }
            if (card.buttons().isEmpty() || card.buttons().size() > CARD_BUTTON_LIMIT) {
                problems.add("card " + (i + 1) + ": 1 to " + CARD_BUTTON_LIMIT + " buttons expected, got " + card.buttons().size());
            }
        }
        if (cards.stream().map(card -> card.buttons().size()).distinct().count() > 1) {
            problems.add("cards with different numbers of buttons");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    // ---- writing, as a phone's WhatsApp answers ----

    /**
     * The reader's choice of {@code optionId} on message {@code quotedId} (by {@code quotedAuthor}) as today's apps send
     * it: a native-flow answer to buttons, a list reply to a list.
     */
    public static byte[] choice(Content chosenFrom, String optionId, String quotedId, String quotedAuthor) {
        var context = new ProtobufWriter().string(1, quotedId).string(2, quotedAuthor);
        return switch (chosenFrom) {
            case Content.Buttons buttons -> quickReply(option(buttons.buttons(), optionId), context);
            case Content.Carousel carousel -> quickReply(option(carousel.cards().stream().flatMap(card -> card.buttons().stream()).toList(),
                    optionId), context);
            case Content.ListMessage list -> {
                var row = option(list.sections().stream().flatMap(section -> section.rows().stream()).toList(), optionId);
                var response = new ProtobufWriter().string(1, row.title()).uint32(2, SINGLE_SELECT)
                        .message(3, new ProtobufWriter().string(1, row.id())).message(4, context);
                if (row.description() != null) {
                    response.string(5, row.description());
                }
                yield new ProtobufWriter().message(LIST_RESPONSE, response).toByteArray();
            }
            default -> throw new IllegalStateException("Message " + quotedId + " has no buttons, carousel or list to choose from");
        };
    }

    /** A tap on a quick-reply button (of buttons or a carousel's card): a native-flow answer naming its id. */
    private static byte[] quickReply(Content.Option button, ProtobufWriter context) {
        String params;
        try {
            params = JSON.writeValueAsString(Map.of("id", button.id()));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        var flow = new ProtobufWriter().string(1, "quick_reply").string(2, params).uint32(3, 1);
        var response = new ProtobufWriter().message(1, new ProtobufWriter().string(1, button.title())).message(2, flow)
                .message(15, context);
        return new ProtobufWriter().message(INTERACTIVE_RESPONSE, response).toByteArray();
    }

    private static Content.Option option(List<Content.Option> options, String id) {
        return options.stream().filter(option -> option.id() != null && option.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no button or row with id " + id + "; there are "
                        + options.stream().map(Content.Option::id).toList()));
    }
}
