package io.kubezap.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.gateway.auth.Caller;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.contract.SessionPath;
import io.kubezap.gateway.proxy.PodAnswer;
import io.kubezap.gateway.proxy.SessionCalls;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an AI agent does with WhatsApp through the gateway's MCP server: each tool is one call of the session API, made
 * for the agent's own key or token ({@link McpCaller}) through {@link SessionCalls}, so it is allowed or refused
 * exactly as the same REST call would be, a key limited to chats included. A tool answers the pod's JSON; a refusal or
 * a pod's error is a tool error ({@code isError}) carrying the problem's status, type and detail.
 */
@ApplicationScoped
public class WhatsAppTools {

    private static final String SESSION = "The WhatsApp session's name (a WhatsAppSession resource)";
    private static final String NAMESPACE = "The session's namespace; the gateway's default namespace when left out";
    private static final String CHAT = "The chat: a phone number with country code (5511999999999) or a JID "
            + "(5511999999999@s.whatsapp.net, 1203630...@g.us for a group), as list_chats shows it";

    private final SessionCalls sessions;
    private final McpCaller caller;
    private final ObjectMapper json;
    private final String defaultNamespace;

    WhatsAppTools(SessionCalls sessions, McpCaller caller, ObjectMapper json, GatewayConfig config) {
        this.sessions = sessions;
        this.caller = caller;
        this.json = json;
        this.defaultNamespace = config.defaultNamespace();
    }

    @Tool(name = "list_chats", description = "The session's chats, pinned first, then the most recently active: each "
            + "with its jid, name, unread count and last message. With a key limited to chats, only those chats.")
    public String listChats(@ToolArg(description = SESSION) String session,
                            @ToolArg(description = NAMESPACE, required = false) String namespace,
                            @ToolArg(description = "Only chats with unread messages", required = false) Boolean unread,
                            @ToolArg(description = "How many chats (1-500)", defaultValue = "20") int limit) {
        Caller who = caller.current();
        if (who instanceof Caller.KeyHolder key && key.scope().limitsChats()) {
            return allowedChats(who, key.scope().chats(), session, namespace);
        }
        Map<String, String> query = new HashMap<>();
        query.put("limit", Integer.toString(limit));
        query.put("unread", unread == null ? null : unread.toString());
        return call(session, namespace, "GET", "chats", query, null);
    }

    /** The chats a key limited to them may see, each as the session has it (one it has never had is left out). */
    private String allowedChats(Caller who, Set<String> chats, String session, String namespace) {
        String items = chats.stream().sorted()
                .map(chat -> ask(who, session, namespace, "GET", "chats/" + SessionPath.encodeSegment(chat), Map.of(), null))
                .filter(PodAnswer::succeeded).map(PodAnswer::body).collect(Collectors.joining(","));
        return "{\"items\": [" + items + "]}";
    }

    @Tool(name = "list_messages", description = "A chat's recent messages, newest first: id, direction (in or out), "
            + "type, text, status, createdAt. Use a message's id to react to it.")
    public String listMessages(@ToolArg(description = SESSION) String session,
                               @ToolArg(description = CHAT) String chat,
                               @ToolArg(description = NAMESPACE, required = false) String namespace,
                               @ToolArg(description = "How many messages (1-500)", defaultValue = "20") int limit) {
        return call(session, namespace, "GET", "chats/" + SessionPath.encodeSegment(chat) + "/messages",
                Map.of("limit", Integer.toString(limit)), null);
    }

    @Tool(name = "send_text", description = "Send a text message to a chat; answers the stored message (its id and "
            + "status: queued, then sent, delivered, read).")
    public String sendText(@ToolArg(description = SESSION) String session,
                           @ToolArg(description = "The recipient. " + CHAT) String to,
                           @ToolArg(description = "The text (WhatsApp formatting: *bold*, _italic_)") String text,
                           @ToolArg(description = NAMESPACE, required = false) String namespace,
                           @ToolArg(description = "The id of a message this one replies to", required = false)
                           String quotedMessageId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("to", to);
        message.put("text", text);
        putIfGiven(message, "quotedMessageId", quotedMessageId);
        return call(session, namespace, "POST", "messages", Map.of(), body(message));
    }

    @Tool(name = "send_media", description = "Send a file the session fetches from a public https URL: an image, "
            + "video, audio, voice note, document or sticker, with an optional caption.")
    public String sendMedia(@ToolArg(description = SESSION) String session,
                            @ToolArg(description = "The recipient. " + CHAT) String to,
                            @ToolArg(description = "image, video, audio, voice, document or sticker") String type,
                            @ToolArg(description = "Where the session downloads the file (a public address)") String url,
                            @ToolArg(description = "A caption (not for audio, voice or sticker)", required = false)
                            String caption,
                            @ToolArg(description = "The file's name, shown for documents", required = false)
                            String fileName,
                            @ToolArg(description = "The file's MIME type, when the URL does not tell", required = false)
                            String mimeType,
                            @ToolArg(description = NAMESPACE, required = false) String namespace,
                            @ToolArg(description = "Send an image or video in HD, as WhatsApp's apps do (Baileys engine "
                                    + "only: a Cobalt session answers 501)", required = false) Boolean hd) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("to", to);
        message.put("type", type);
        message.put("media", Map.of("url", url));
        putIfGiven(message, "caption", caption);
        putIfGiven(message, "fileName", fileName);
        putIfGiven(message, "mimeType", mimeType);
        if (Boolean.TRUE.equals(hd)) {
            message.put("hd", true);
        }
        return call(session, namespace, "POST", "messages", Map.of(), body(message));
    }

    @Tool(name = "send_product", description = "Send a product of the session's own WhatsApp Business catalog to a chat "
            + "as its product card (name, price, description as the catalog has them now); answers the stored message. "
            + "Product ids are those of the session's catalog (GET business/catalog).")
    public String sendProduct(@ToolArg(description = SESSION) String session,
                              @ToolArg(description = "The recipient. " + CHAT) String chat,
                              @ToolArg(description = "The product's id in the catalog") String productId,
                              @ToolArg(description = "A text shown on the card", required = false) String body,
                              @ToolArg(description = "A short line under the card", required = false) String footer,
                              @ToolArg(description = NAMESPACE, required = false) String namespace) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("chatId", chat);
        card.put("productId", productId);
        putIfGiven(card, "body", body);
        putIfGiven(card, "footer", footer);
        return call(session, namespace, "POST", "product", Map.of(), body(card));
    }

    @Tool(name = "send_album", description = "Send 2 to 30 photos and videos the session fetches from public https "
            + "URLs to a chat as one album, in the order given; answers the album and its messages' ids.")
    public String sendAlbum(@ToolArg(description = SESSION) String session,
                            @ToolArg(description = "The recipient. " + CHAT) String chat,
                            @ToolArg(description = "Where the session downloads each file (public addresses), in album order")
                            List<String> urls,
                            @ToolArg(description = "image or video for each URL, in the same order (all image when not given)",
                                    required = false) List<String> types,
                            @ToolArg(description = "A caption for each URL, in the same order (empty: none)", required = false)
                            List<String> captions,
                            @ToolArg(description = NAMESPACE, required = false) String namespace) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            String type = at(types, i);
            item.put("type", type == null ? "image" : type);
            item.put("media", Map.of("url", urls.get(i)));
            putIfGiven(item, "caption", at(captions, i));
            items.add(item);
        }
        Map<String, Object> album = new LinkedHashMap<>();
        album.put("chatId", chat);
        album.put("items", items);
        return call(session, namespace, "POST", "albums", Map.of(), body(album));
    }

    @Tool(name = "send_buttons", description = "Send a text with 1 to 3 reply buttons to a chat; the reader's tap "
            + "arrives as a message of type button_reply (reply.selectedId: the button's id). Answers the stored message. "
            + "Shown by WhatsApp's phone apps.")
    public String sendButtons(@ToolArg(description = SESSION) String session,
                              @ToolArg(description = "The recipient. " + CHAT) String chat,
                              @ToolArg(description = "The message's text") String text,
                              @ToolArg(description = "The buttons' labels (1 to 3, up to 20 characters each)") List<String> buttons,
                              @ToolArg(description = "The id each button's reply carries, in the same order (its label when not given)",
                                      required = false) List<String> buttonIds,
                              @ToolArg(description = "A short line under the text", required = false) String footer,
                              @ToolArg(description = NAMESPACE, required = false) String namespace) {
        Map<String, Object> message = interactive(chat, text, footer);
        message.put("buttons", choices(buttons, buttonIds, "text", null));
        return call(session, namespace, "POST", "buttons", Map.of(), body(message));
    }

    @Tool(name = "send_list", description = "Send a text with a button opening a list of rows (one section) to a chat, "
            + "of which the reader picks one; the choice arrives as a message of type list_reply (reply.selectedId: the "
            + "row's id). Answers the stored message. Shown by WhatsApp's phone apps.")
    public String sendList(@ToolArg(description = SESSION) String session,
                           @ToolArg(description = "The recipient. " + CHAT) String chat,
                           @ToolArg(description = "The message's text") String text,
                           @ToolArg(description = "The label of the button opening the list (up to 20 characters)") String buttonText,
                           @ToolArg(description = "The rows' titles (1 to 10, up to 24 characters each)") List<String> rows,
                           @ToolArg(description = "The id each row's reply carries, in the same order (its title when not given)",
                                   required = false) List<String> rowIds,
                           @ToolArg(description = "A description under each row's title, in the same order (empty: none)",
                                   required = false) List<String> rowDescriptions,
                           @ToolArg(description = "The section's title", required = false) String sectionTitle,
                           @ToolArg(description = "A short line under the text", required = false) String footer,
                           @ToolArg(description = NAMESPACE, required = false) String namespace) {
        Map<String, Object> section = new LinkedHashMap<>();
        putIfGiven(section, "title", sectionTitle);
        section.put("rows", choices(rows, rowIds, "title", rowDescriptions));
        Map<String, Object> message = interactive(chat, text, footer);
        message.put("buttonText", buttonText);
        message.put("sections", List.of(section));
        return call(session, namespace, "POST", "lists", Map.of(), body(message));
    }

    @Tool(name = "send_carousel", description = "Send a text over 2 to 10 cards the reader swipes through, each with a "
            + "picture the session fetches from a public https URL, a body, an optional title and the same 1 or 2 reply "
            + "buttons; a tap arrives as a message of type button_reply (reply.selectedId: the button's id on that card). "
            + "Answers the stored message.")
    public String sendCarousel(@ToolArg(description = SESSION) String session,
                               @ToolArg(description = "The recipient. " + CHAT) String chat,
                               @ToolArg(description = "The message's text, above the cards") String text,
                               @ToolArg(description = "Each card's picture (public addresses), in the order the reader swipes")
                               List<String> images,
                               @ToolArg(description = "Each card's text, in the same order (up to 160 characters)") List<String> bodies,
                               @ToolArg(description = "The labels of the buttons every card shows (1 or 2, up to 20 characters)")
                               List<String> buttons,
                               @ToolArg(description = "The id each button's reply carries, card by card (card 1's buttons, then "
                                       + "card 2's...); where not given, the card's number and the label (2:Buy)", required = false)
                               List<String> buttonIds,
                               @ToolArg(description = "Each card's title, in the same order (empty: none)", required = false)
                               List<String> titles,
                               @ToolArg(description = "Each card's footer, in the same order (empty: none)", required = false)
                               List<String> cardFooters,
                               @ToolArg(description = "A short line under the text", required = false) String footer,
                               @ToolArg(description = NAMESPACE, required = false) String namespace) {
        List<Map<String, Object>> cards = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("image", Map.of("url", images.get(i)));
            putIfGiven(card, "title", at(titles, i));
            card.put("body", at(bodies, i));
            putIfGiven(card, "footer", at(cardFooters, i));
            card.put("buttons", cardButtons(i, buttons, buttonIds));
            cards.add(card);
        }
        Map<String, Object> message = interactive(chat, text, footer);
        message.put("cards", cards);
        return call(session, namespace, "POST", "carousel", Map.of(), body(message));
    }

    /** The buttons of the {@code card}th card, their ids read card by card from {@code ids}, "number:label" where not given. */
    private static List<Map<String, Object>> cardButtons(int card, List<String> labels, List<String> ids) {
        List<String> defaults = labels.stream().map(label -> (card + 1) + ":" + label).toList();
        List<String> given = new ArrayList<>();
        for (int b = 0; b < labels.size(); b++) {
            String id = at(ids, card * labels.size() + b);
            given.add(id == null || id.isBlank() ? defaults.get(b) : id);
        }
        return choices(labels, given, "text", null);
    }

    private static Map<String, Object> interactive(String chat, String text, String footer) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("chatId", chat);
        message.put("text", text);
        putIfGiven(message, "footer", footer);
        return message;
    }

    /** Buttons or rows: each label under {@code labelField}, with its id (the label when not given) and description. */
    private static List<Map<String, Object>> choices(List<String> labels, List<String> ids, String labelField,
                                                     List<String> descriptions) {
        List<Map<String, Object>> choices = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Object> choice = new LinkedHashMap<>();
            String id = at(ids, i);
            choice.put("id", id == null || id.isBlank() ? labels.get(i) : id);
            choice.put(labelField, labels.get(i));
            putIfGiven(choice, "description", at(descriptions, i));
            choices.add(choice);
        }
        return choices;
    }

    @Tool(name = "react", description = "React to a message with an emoji; an empty emoji takes the reaction back.")
    public String react(@ToolArg(description = SESSION) String session,
                        @ToolArg(description = "The message's id, as list_messages shows it") String messageId,
                        @ToolArg(description = "One emoji, or \"\" to remove the reaction") String emoji,
                        @ToolArg(description = NAMESPACE, required = false) String namespace) {
        return call(session, namespace, "POST", "messages/" + SessionPath.encodeSegment(messageId) + "/reactions", Map.of(),
                body(Map.of("emoji", emoji)));
    }

    @Tool(name = "mark_read", description = "Mark a chat read: read receipts for its unread incoming messages, and its "
            + "unread count reset.")
    public String markRead(@ToolArg(description = SESSION) String session,
                           @ToolArg(description = CHAT) String chat,
                           @ToolArg(description = NAMESPACE, required = false) String namespace) {
        return call(session, namespace, "POST", "chats/" + SessionPath.encodeSegment(chat) + "/read", Map.of(), null);
    }

    @Tool(name = "set_ai_responder", description = "Switch the session's AI responder (spec.autoReply.ai) off in a chat, "
            + "e.g. while a person takes over, or back on; answers the chat's responder state (configured, enabled, "
            + "pausedUntil).")
    public String setAiResponder(@ToolArg(description = SESSION) String session,
                                 @ToolArg(description = CHAT) String chat,
                                 @ToolArg(description = "true: it answers this chat; false: it stays silent there") boolean enabled,
                                 @ToolArg(description = NAMESPACE, required = false) String namespace) {
        return call(session, namespace, "PUT", "chats/" + SessionPath.encodeSegment(chat) + "/ai-responder", Map.of(),
                body(Map.of("enabled", enabled)));
    }

    private String call(String session, String namespace, String method, String path, Map<String, String> query,
                        String body) {
        PodAnswer answer = ask(caller.current(), session, namespace, method, path, query, body);
        if (!answer.succeeded()) {
            throw new ToolCallException("session " + session + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** The pod's answer to the call; a call the gateway refuses is a tool error with the problem's status and type. */
    private PodAnswer ask(Caller who, String session, String namespace, String method, String path,
                          Map<String, String> query, String body) {
        String inNamespace = namespace == null || namespace.isBlank() ? defaultNamespace : namespace;
        try {
            return sessions.call(who, inNamespace, session, method, path, query, body);
        } catch (GatewayException refused) {
            throw new ToolCallException(refused.problem().status() + " " + refused.problem().type() + ": "
                    + refused.problem().detail());
        }
    }

    private String body(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message is plain data", e);
        }
    }

    /** The {@code i}th of values given in parallel to a list, or null where fewer were given. */
    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    private static void putIfGiven(Map<String, Object> message, String field, String value) {
        if (value != null && !value.isBlank()) {
            message.put(field, value);
        }
    }
}
