package io.kubezap.simulator.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buttons and lists on the wire ({@code WAE2E.Message}): an {@code interactiveMessage} (45) whose
 * {@code nativeFlowMessage} (6) holds quick-reply buttons (each {@code buttonParamsJson}: {@code display_text}, {@code id}),
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
    private static final int SINGLE_SELECT = 1;
    /** The {@code <biz>} node's child the apps need beside each kind: {@code interactive} for buttons, {@code list} for lists. */
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
        var flow = ProtobufReader.read(reader.bytes(6).orElse(new byte[0]));
        var buttons = flow.all(1).stream().map(ProtobufReader::read)
                .filter(button -> "quick_reply".equals(button.string(1).orElse(null)))
                .map(button -> params(button.string(2).orElse("{}")))
                .map(params -> new Content.Option(params.get("id"), params.get("display_text"), null)).toList();
        return new Content.Buttons(text(reader.bytes(2)), text(reader.bytes(3)), buttons);
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
            case Content.Buttons buttons -> {
                var button = option(buttons.buttons(), optionId);
                String params;
                try {
                    params = JSON.writeValueAsString(Map.of("id", button.id()));
                } catch (IOException impossible) {
                    throw new IllegalStateException(impossible);
                }
                var flow = new ProtobufWriter().string(1, "quick_reply").string(2, params).uint32(3, 1);
                var response = new ProtobufWriter().message(1, new ProtobufWriter().string(1, button.title())).message(2, flow)
                        .message(15, context);
                yield new ProtobufWriter().message(INTERACTIVE_RESPONSE, response).toByteArray();
            }
            case Content.ListMessage list -> {
                var row = option(list.sections().stream().flatMap(section -> section.rows().stream()).toList(), optionId);
                var response = new ProtobufWriter().string(1, row.title()).uint32(2, SINGLE_SELECT)
                        .message(3, new ProtobufWriter().string(1, row.id())).message(4, context);
                if (row.description() != null) {
                    response.string(5, row.description());
                }
                yield new ProtobufWriter().message(LIST_RESPONSE, response).toByteArray();
            }
            default -> throw new IllegalStateException("Message " + quotedId + " has no buttons or list to choose from");
        };
    }

    private static Content.Option option(List<Content.Option> options, String id) {
        return options.stream().filter(option -> option.id() != null && option.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no button or row with id " + id + "; there are "
                        + options.stream().map(Content.Option::id).toList()));
    }
}
