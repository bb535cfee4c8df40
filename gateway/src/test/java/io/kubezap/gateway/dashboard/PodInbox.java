package io.kubezap.gateway.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session's messages and webhook deliveries as its pod keeps them, shaped as the pod's API answers them
 * ({@code /chats}, {@code /chats/{jid}/messages}, {@code /webhooks/deliveries}); tests change it as WhatsApp would.
 */
final class PodInbox {

    static final String ME = "5511900000000@s.whatsapp.net";
    private static final AtomicInteger IDS = new AtomicInteger();

    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final Map<String, byte[]> media = new LinkedHashMap<>();
    private final List<Map<String, Object>> deliveries = new ArrayList<>();

    synchronized Map<String, Object> received(String chat, String pushName, String text) {
        return add(chat, "in", "text", text, Map.of("pushName", pushName, "status", "delivered"));
    }

    /** A message from someone whose {@code @username} WhatsApp told: the API gives it beside their address. */
    synchronized Map<String, Object> received(String chat, String pushName, String text, String username) {
        Map<String, Object> message = received(chat, pushName, text);
        message.put("username", username);
        return message;
    }

    synchronized Map<String, Object> sent(String chat, String text) {
        return add(chat, "out", "text", text, Map.of("status", "sent", "origin", "api"));
    }

    /** A file in {@code chat}; its caption is the message's text. */
    synchronized Map<String, Object> file(String chat, String direction, String type, String mimeType, String fileName,
                                          String caption, byte[] bytes) {
        Map<String, Object> message = add(chat, direction, type, caption,
                Map.of("status", "in".equals(direction) ? "delivered" : "sent"));
        message.put("media", new LinkedHashMap<>(Map.of("mimeType", mimeType, "size", bytes.length,
                "fileName", fileName, "url", "/media/" + message.get("id"))));
        media.put((String) message.get("id"), bytes);
        return message;
    }

    /** An album's first message, as a phone sends it before the album's photos and videos ({@link #inAlbum}). */
    synchronized Map<String, Object> album(String chat, int images, int videos) {
        Map<String, Object> message = add(chat, "in", "album", null, Map.of("status", "delivered"));
        message.put("waMessageId", "3EB0ALBUM" + message.get("seq"));
        message.put("album", Map.of("expectedImageCount", images, "expectedVideoCount", videos));
        return message;
    }

    /** A file of {@code album}: it names the album's first message, as the pod shows it ({@code albumId}). */
    synchronized void inAlbum(Map<String, Object> album, Map<String, Object> file) {
        file.put("albumId", album.get("waMessageId"));
    }

    /**
     * A message of a kind with a block of its own fields ({@code buttons}, {@code list}, {@code reply}, {@code product},
     * {@code order}), under the field named as the pod names it; {@code text} as the pod derives it from the block.
     */
    synchronized Map<String, Object> structured(String chat, String direction, String type, String text, String field,
                                                Map<String, Object> block) {
        Map<String, Object> message = add(chat, direction, type, text, Map.of("status", "in".equals(direction) ? "delivered" : "sent"));
        message.put(field, block);
        return message;
    }

    synchronized Map<String, Object> location(String chat, String direction, Map<String, Object> place) {
        Map<String, Object> message = add(chat, direction, "location", null, Map.of("status", "sent"));
        message.put("location", place);
        return message;
    }

    synchronized void reacted(String id, String from, String emoji) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> reactions = (List<Map<String, Object>>) message(id).orElseThrow().get("reactions");
        reactions.removeIf(r -> from.equals(r.get("from")));
        if (!emoji.isEmpty()) {
            reactions.add(Map.of("from", from, "emoji", emoji, "at", Instant.now().toString()));
        }
    }

    synchronized void edited(String id, String text) {
        Map<String, Object> message = message(id).orElseThrow();
        message.put("text", text);
        message.put("editedAt", Instant.now().toString());
    }

    synchronized void revoked(String id) {
        message(id).orElseThrow().put("deletedAt", Instant.now().toString());
    }

    /** Marks the chat's unread incoming messages read; answers how many. */
    synchronized int read(String chat) {
        int marked = 0;
        for (Map<String, Object> message : messages) {
            if (chat.equals(message.get("chat")) && "in".equals(message.get("direction")) && !"read".equals(message.get("status"))) {
                message.put("status", "read");
                marked++;
            }
        }
        return marked;
    }

    synchronized Optional<Map<String, Object>> message(String id) {
        return messages.stream().filter(m -> id.equals(m.get("id"))).findFirst();
    }

    synchronized Optional<byte[]> media(String id) {
        return Optional.ofNullable(media.get(id));
    }

    /** The chat's messages, newest first, as {@code GET /chats/{jid}/messages?includeDeleted=true} lists them. */
    synchronized List<Map<String, Object>> thread(String chat) {
        return messages.stream().filter(m -> chat.equals(m.get("chat")))
                .sorted(Comparator.comparing((Map<String, Object> m) -> (Integer) m.get("seq")).reversed())
                .map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
    }

    /** The chats, most recent first, with their unread counts and last message. */
    synchronized List<Map<String, Object>> chats() {
        Map<String, Map<String, Object>> byJid = new LinkedHashMap<>();
        for (Map<String, Object> message : messages.reversed()) {
            String jid = (String) message.get("chat");
            Map<String, Object> chat = byJid.computeIfAbsent(jid, j -> {
                Map<String, Object> c = new LinkedHashMap<>(Map.of("jid", j, "phoneNumber", j.replaceFirst("@.*", ""),
                        "unreadCount", 0L, "lastMessageId", message.get("id"), "lastMessageAt", message.get("createdAt"),
                        "lastMessageFromMe", "out".equals(message.get("direction"))));
                c.put("lastMessagePreview", message.get("text") != null ? message.get("text") : "[" + message.get("type") + "]");
                c.put("name", message.get("pushName"));
                return c;
            });
            if ("in".equals(message.get("direction")) && !"read".equals(message.get("status"))) {
                chat.put("unreadCount", (Long) chat.get("unreadCount") + 1);
            }
            if (chat.get("name") == null) {
                chat.put("name", message.get("pushName"));
            }
            if (message.get("username") != null) {
                chat.put("username", message.get("username"));
            }
        }
        return List.copyOf(byJid.values());
    }

    synchronized Map<String, Object> delivery(String event, String status, String lastError) {
        Map<String, Object> delivery = new LinkedHashMap<>(Map.of("id", "msg_" + IDS.incrementAndGet(), "eventId", 1,
                "event", event, "endpointUrl", "https://crm.example.com/hooks", "status", status,
                "attempts", "failed".equals(status) ? 5 : 1, "createdAt", Instant.now().toString()));
        delivery.put("lastError", lastError);
        delivery.put("lastAttemptAt", Instant.now().toString());
        deliveries.addFirst(delivery);
        return delivery;
    }

    synchronized List<Map<String, Object>> deliveries(String status) {
        return deliveries.stream().filter(d -> status == null || status.equals(d.get("status"))).toList();
    }

    /** Queues a delivery again, as {@code POST …/retry} does; false when there is none. */
    synchronized boolean retry(String id) {
        Optional<Map<String, Object>> delivery = deliveries.stream().filter(d -> id.equals(d.get("id"))).findFirst();
        delivery.ifPresent(d -> d.put("status", "pending"));
        return delivery.isPresent();
    }

    private Map<String, Object> add(String chat, String direction, String type, String text, Map<String, Object> more) {
        int seq = IDS.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>(more);
        message.put("id", "m-" + seq);
        message.put("seq", seq);
        message.put("chat", chat);
        message.put("direction", direction);
        message.put("type", type);
        message.put("text", text);
        message.put("reactions", new ArrayList<Map<String, Object>>());
        message.put("createdAt", Instant.now().toString());
        messages.add(message);
        return message;
    }
}
