package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Chatwoot's Application API and its API-channel webhook, written from Chatwoot's published API reference
 * (developers.chatwoot.com: inboxes, contacts, contact_inboxes, conversations, messages, "Update message status") and its
 * webhook payload ("Callback URL and message payload"), not from Chatwoot's code. It keeps one account's inboxes,
 * contacts, conversations and messages in memory, checks the {@code api_access_token} header, records every request, and,
 * as Chatwoot does for an API inbox, posts {@code message_created} to the inbox's webhook URL for every message created
 * in it (the ones the connector itself posts too). What it does not model: Chatwoot's other validations, its search
 * ranking, pagination beyond the newest 20 messages of a conversation, rate limits, and webhook retries (it makes one
 * delivery, as Chatwoot's job does).
 */
final class ChatwootStandIn implements AutoCloseable {

    static final long ACCOUNT = 7;
    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/v1/accounts/(\\d+)(/.*)$");

    /** One request as it came: method, path under the account, query, and its body (JSON, or a multipart form's fields and files). */
    record Request(String method, String path, String query, JsonNode body, List<String> files) {
    }

    private final String token;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Long, ObjectNode> inboxes = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> contacts = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> conversations = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> messages = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final ExecutorService webhooks = Executors.newSingleThreadExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile Supplier<String> podBaseUrl = () -> null;
    private volatile String webhookSecret;
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile boolean refuseMessages;
    private final Map<String, AgentFile> files = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger fileReads = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger messagesPosted = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int heldMessage;
    private volatile Duration heldFor = Duration.ZERO;

    private ChatwootStandIn(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    static ChatwootStandIn start(String token) throws IOException {
        return new ChatwootStandIn(token);
    }

    /**
     * The pod's settings that connect it to this stand-in: its URL, account and token, the webhook base the inbox is made
     * with, and loopback allowed as an admin allows an in-cluster Chatwoot.
     */
    Map<String, String> podEnvironment() {
        return Map.of("KUBEZAP_CHATWOOT_URL", url(),
                "KUBEZAP_CHATWOOT_ACCOUNT_ID", Long.toString(ACCOUNT),
                "KUBEZAP_CHATWOOT_API_ACCESS_TOKEN", token,
                "KUBEZAP_CHATWOOT_WEBHOOK_BASE_URL", "http://kubezap-pod.test:8080",
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Where webhook calls go: the registered URL's path and token at the pod's current address (a test pod's port
     * changes at each start, where a cluster's DNS name stays).
     */
    void deliverWebhooksTo(Supplier<String> baseUrl) {
        this.podBaseUrl = baseUrl;
    }

    /**
     * Webhook deliveries are signed as Chatwoot signs them for an inbox with a webhook secret: {@code X-Chatwoot-Timestamp}
     * (Unix seconds) and {@code X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}.
     */
    void signWebhooksWith(String secret) {
        this.webhookSecret = secret;
    }

    /** Posts a message's webhook to the registered URL signed with {@code secret} (null: unsigned); the pod's status code. */
    int postWebhookSignedWith(String secret, long messageId) {
        String registered = inboxes.values().iterator().next().path("webhook_url").asText();
        return post(podBaseUrl.get() + URI.create(registered).getRawPath(), payload(messages.get(messageId)), secret);
    }

    /** Messages are created at once but answered only after {@code delay}: a pod killed meanwhile never hears the answer. */
    void answerMessagesAfter(Duration delay) {
        this.answerDelay = delay;
    }

    /**
     * The {@code nth} message posted from now on is created at once but answered only after {@code delay}: a pod killed
     * meanwhile never hears of it (a post a kill interrupted half-way through a run of posts).
     */
    void answerMessageAfter(int nth, Duration delay) {
        messagesPosted.set(0);
        heldFor = delay;
        heldMessage = nth;
    }

    /** New messages are refused with 503, as a Chatwoot that is down or being upgraded answers. */
    void refuseMessages(boolean refuse) {
        this.refuseMessages = refuse;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathPattern) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
    }

    List<ObjectNode> inboxes() {
        return List.copyOf(inboxes.values());
    }

    List<ObjectNode> contacts() {
        return List.copyOf(contacts.values());
    }

    List<ObjectNode> conversations() {
        return List.copyOf(conversations.values());
    }

    /** A conversation's messages, oldest first. */
    List<ObjectNode> messagesOf(long conversationId) {
        return messages.values().stream().filter(m -> m.path("conversation_id").asLong() == conversationId)
                .sorted((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong())).toList();
    }

    /** The first message of any conversation whose content is {@code content}, once the pod posted it. */
    ObjectNode awaitMessage(String content) {
        return org.awaitility.Awaitility.await().atMost(PodAgainstSimulator.PATIENCE).until(() -> conversations().stream()
                        .flatMap(c -> messagesOf(c.path("id").asLong()).stream())
                        .filter(m -> content.equals(m.path("content").asText())).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    Optional<ObjectNode> message(long id) {
        return Optional.ofNullable(messages.get(id));
    }

    /**
     * An agent's reply in the Chatwoot UI: the message is created (outgoing, sent by a user) and its
     * {@code message_created} webhook posted to the inbox's URL; returns the message.
     */
    ObjectNode agentReplies(long conversationId, String text, Long inReplyTo) {
        ObjectNode conversation = conversations.get(conversationId);
        ObjectNode message = newMessage(conversation, text, 1, null);
        message.putObject("sender").put("id", 1).put("name", "Agent Ana").put("type", "user");
        if (inReplyTo != null) {
            message.putObject("content_attributes").put("in_reply_to", inReplyTo);
        }
        messages.put(message.path("id").asLong(), message);
        webhook(message).run();
        return message;
    }

    /** A file an agent attaches in Chatwoot's UI: its {@code file_type} as Chatwoot names it, its name, type and bytes. */
    record AgentFile(String fileType, String name, String mimeType, byte[] bytes) {
    }

    /**
     * An agent's reply with files: each an attachment of the message, its {@code data_url} as Chatwoot gives it (an
     * ActiveStorage address that redirects to the stored file, read without the API token).
     */
    ObjectNode agentRepliesWithFiles(long conversationId, String text, List<AgentFile> attached) {
        ObjectNode conversation = conversations.get(conversationId);
        ObjectNode message = newMessage(conversation, text, 1, null);
        message.putObject("sender").put("id", 1).put("name", "Agent Ana").put("type", "user");
        ArrayNode attachments = message.putArray("attachments");
        for (AgentFile file : attached) {
            String key = UUID.randomUUID().toString();
            files.put(key, file);
            attachments.addObject().put("id", ids.incrementAndGet()).put("message_id", message.path("id").asLong())
                    .put("file_type", file.fileType()).put("account_id", ACCOUNT)
                    .put("extension", file.name().substring(file.name().lastIndexOf('.') + 1))
                    .put("data_url", url() + "/rails/active_storage/blobs/redirect/" + key + "/" + file.name())
                    .put("file_size", file.bytes().length);
        }
        messages.put(message.path("id").asLong(), message);
        webhook(message).run();
        return message;
    }

    /** How often a file an agent attached was read. */
    int fileReads() {
        return fileReads.get();
    }

    /** The webhook of an existing message posted again, as a Chatwoot that delivers twice would. */
    int deliverAgain(long messageId) {
        return webhook(messages.get(messageId)).call();
    }

    /** Posts a webhook with an arbitrary token, as a stranger would; returns the pod's status code. */
    int postWebhookWithToken(String tokenInPath, long messageId) {
        String registered = inboxes.values().iterator().next().path("webhook_url").asText();
        String path = URI.create(registered).getPath();
        return post(podBaseUrl.get() + path.substring(0, path.lastIndexOf('/') + 1) + tokenInPath, payload(messages.get(messageId)));
    }

    private interface Delivery extends Runnable {
        int call();

        default void run() {
            call();
        }
    }

    private Delivery webhook(ObjectNode message) {
        return () -> {
            ObjectNode conversation = conversations.get(message.path("conversation_id").asLong());
            String registered = inboxes.get(conversation.path("inbox_id").asLong()).path("webhook_url").asText("");
            if (registered.isEmpty() || podBaseUrl.get() == null) {
                return 0;
            }
            return post(podBaseUrl.get() + URI.create(registered).getRawPath(), payload(message));
        };
    }

    private int post(String url, ObjectNode payload) {
        return post(url, payload, webhookSecret);
    }

    private int post(String url, ObjectNode payload, String secret) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (secret != null) {
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            request.header("X-Chatwoot-Timestamp", timestamp).header("X-Chatwoot-Signature", signature(secret, timestamp, body));
        }
        try {
            return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The webhook body as Chatwoot's API-channel callback documents it: the message, its sender, inbox, conversation, account. */
    private static String signature(String secret, String timestamp, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode payload(ObjectNode message) {
        ObjectNode conversation = conversations.get(message.path("conversation_id").asLong());
        ObjectNode contact = contacts.get(conversation.path("contact_id").asLong());
        ObjectNode payload = json.createObjectNode();
        payload.put("event", "message_created");
        payload.put("id", message.path("id").asLong());
        payload.put("content", message.path("content").asText());
        payload.put("created_at", Instant.now().toString());
        payload.put("message_type", message.path("message_type").asInt() == 1 ? "outgoing" : "incoming");
        payload.put("content_type", "text");
        payload.set("content_attributes", message.path("content_attributes").deepCopy());
        payload.set("source_id", message.path("source_id").deepCopy());
        payload.put("private", message.path("private").asBoolean());
        payload.set("sender", message.has("sender") ? message.path("sender").deepCopy()
                : json.createObjectNode().put("id", contact.path("id").asLong()).put("name", contact.path("name").asText()).put("type", "contact"));
        payload.set("attachments", message.path("attachments").deepCopy());
        ObjectNode inbox = inboxes.get(conversation.path("inbox_id").asLong());
        payload.putObject("inbox").put("id", inbox.path("id").asLong()).put("name", inbox.path("name").asText());
        ObjectNode shown = payload.putObject("conversation");
        shown.put("id", conversation.path("id").asLong()).put("inbox_id", conversation.path("inbox_id").asLong())
                .put("channel", "Channel::Api").put("status", "open");
        shown.putObject("contact_inbox").put("source_id", conversation.path("source_id").asText());
        shown.putObject("meta").set("sender", contact.deepCopy());
        payload.putObject("account").put("id", ACCOUNT).put("name", "Loja");
        return payload;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (serveFile(exchange)) {
                return;
            }
            Matcher path = ACCOUNT_PATH.matcher(exchange.getRequestURI().getPath());
            if (!token.equals(exchange.getRequestHeaders().getFirst("api_access_token"))) {
                answer(exchange, 401, json.createObjectNode().put("error", "You need to sign in or sign up before continuing."));
                return;
            }
            if (!path.matches() || Long.parseLong(path.group(1)) != ACCOUNT) {
                answer(exchange, 404, json.createObjectNode().put("error", "no such account"));
                return;
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            List<String> files = new ArrayList<>();
            JsonNode body = body(exchange.getRequestHeaders().getFirst("Content-Type"), raw, files);
            Request request = new Request(exchange.getRequestMethod(), path.group(2), exchange.getRequestURI().getRawQuery(), body, files);
            requests.add(request);
            route(exchange, request);
        }
    }

    /** ActiveStorage's redirect to a stored file, and the file: public addresses, no token. */
    private boolean serveFile(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher redirect = Pattern.compile("^/rails/active_storage/blobs/redirect/([^/]+)/([^/]+)$").matcher(path);
        Matcher file = Pattern.compile("^/files/([^/]+)/([^/]+)$").matcher(path);
        if (redirect.matches()) {
            exchange.getResponseHeaders().set("Location", "/files/" + redirect.group(1) + "/" + redirect.group(2));
            exchange.sendResponseHeaders(302, -1);
            return true;
        }
        if (file.matches() && files.containsKey(file.group(1))) {
            AgentFile stored = files.get(file.group(1));
            fileReads.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", stored.mimeType());
            exchange.sendResponseHeaders(200, stored.bytes().length);
            exchange.getResponseBody().write(stored.bytes());
            return true;
        }
        return false;
    }

    private JsonNode body(String contentType, byte[] raw, List<String> files) throws IOException {
        if (raw.length == 0) {
            return json.createObjectNode();
        }
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            return Multipart.fields(contentType, raw, json, files);
        }
        return json.readTree(raw);
    }

    private void route(HttpExchange exchange, Request request) throws IOException {
        String method = request.method();
        String path = request.path();
        Matcher id = Pattern.compile("^/(\\w+)/(\\d+)(/.*)?$").matcher(path);
        if (method.equals("GET") && path.equals("/inboxes")) {
            ArrayNode list = json.createArrayNode();
            inboxes.values().forEach(list::add);
            answer(exchange, 200, json.createObjectNode().set("payload", list));
        } else if (method.equals("POST") && path.equals("/inboxes")) {
            ObjectNode inbox = json.createObjectNode().put("id", ids.incrementAndGet()).put("name", request.body().path("name").asText())
                    .put("channel_type", "Channel::Api").put("webhook_url", request.body().path("channel").path("webhook_url").asText(""));
            inboxes.put(inbox.path("id").asLong(), inbox);
            answer(exchange, 200, inbox);
        } else if (method.equals("PATCH") && id.matches() && id.group(1).equals("inboxes") && id.group(3) == null) {
            ObjectNode inbox = inboxes.get(Long.parseLong(id.group(2)));
            if (inbox == null) {
                answer(exchange, 404, json.createObjectNode().put("error", "Resource could not be found"));
                return;
            }
            if (request.body().path("channel").has("webhook_url")) {
                inbox.put("webhook_url", request.body().path("channel").path("webhook_url").asText());
            }
            answer(exchange, 200, inbox);
        } else if (method.equals("GET") && path.equals("/contacts/search")) {
            String q = java.net.URLDecoder.decode(request.query().replaceFirst("^.*q=", "").split("&")[0], StandardCharsets.UTF_8);
            ArrayNode list = json.createArrayNode();
            contacts.values().stream().filter(c -> c.path("phone_number").asText().contains(q) || c.path("identifier").asText().contains(q)
                    || c.path("name").asText().contains(q)).forEach(list::add);
            ObjectNode answer = json.createObjectNode();
            answer.putObject("meta").put("count", list.size());
            answer.set("payload", list);
            answer(exchange, 200, answer);
        } else if (method.equals("POST") && path.equals("/contacts")) {
            createContact(exchange, request.body());
        } else if (method.equals("POST") && id.matches() && id.group(1).equals("contacts") && "/contact_inboxes".equals(id.group(3))) {
            String source = request.body().path("source_id").asText(UUID.randomUUID().toString());
            ObjectNode contactInbox = json.createObjectNode().put("source_id", source);
            contactInbox.set("inbox", inboxes.get(request.body().path("inbox_id").asLong()));
            answer(exchange, 200, contactInbox);
        } else if (method.equals("GET") && id.matches() && id.group(1).equals("contacts") && "/conversations".equals(id.group(3))) {
            ArrayNode list = json.createArrayNode();
            conversations.values().stream().filter(c -> c.path("contact_id").asLong() == Long.parseLong(id.group(2))).forEach(list::add);
            answer(exchange, 200, json.createObjectNode().set("payload", list));
        } else if (method.equals("POST") && path.equals("/conversations")) {
            JsonNode body = request.body();
            if (!body.hasNonNull("source_id") || !contacts.containsKey(body.path("contact_id").asLong())) {
                answer(exchange, 422, json.createObjectNode().put("error", "source_id and a contact are required"));
                return;
            }
            ObjectNode conversation = json.createObjectNode().put("id", ids.incrementAndGet()).put("account_id", ACCOUNT)
                    .put("inbox_id", body.path("inbox_id").asLong()).put("contact_id", body.path("contact_id").asLong())
                    .put("source_id", body.path("source_id").asText()).put("status", body.path("status").asText("open"));
            conversations.put(conversation.path("id").asLong(), conversation);
            answer(exchange, 200, conversation);
        } else if (id.matches() && id.group(1).equals("conversations") && id.group(3) != null && id.group(3).startsWith("/messages")) {
            messages(exchange, request, Long.parseLong(id.group(2)), id.group(3));
        } else {
            answer(exchange, 404, json.createObjectNode().put("error", "not part of the stand-in: " + method + " " + path));
        }
    }

    private void createContact(HttpExchange exchange, JsonNode body) throws IOException {
        String phone = body.path("phone_number").asText("");
        if (!phone.isEmpty() && !phone.matches("^\\+[1-9]\\d{1,14}$")) {
            answer(exchange, 422, json.createObjectNode().put("message", "Phone number should be in e164 format"));
            return;
        }
        if (!body.has("inbox_id") || !inboxes.containsKey(body.path("inbox_id").asLong())) {
            answer(exchange, 422, json.createObjectNode().put("message", "inbox_id is required"));
            return;
        }
        boolean taken = contacts.values().stream().anyMatch(c -> (!phone.isEmpty() && phone.equals(c.path("phone_number").asText()))
                || body.path("identifier").asText("-").equals(c.path("identifier").asText()));
        if (taken) {
            answer(exchange, 422, json.createObjectNode().put("message", "Phone number has already been taken"));
            return;
        }
        ObjectNode contact = json.createObjectNode().put("id", ids.incrementAndGet()).put("name", body.path("name").asText())
                .put("phone_number", phone.isEmpty() ? null : phone).put("identifier", body.path("identifier").asText(null));
        contacts.put(contact.path("id").asLong(), contact);
        ObjectNode answer = json.createObjectNode();
        ObjectNode payload = answer.putObject("payload");
        payload.set("contact", contact);
        ObjectNode contactInbox = payload.putObject("contact_inbox").put("source_id", UUID.randomUUID().toString());
        contactInbox.set("inbox", inboxes.get(body.path("inbox_id").asLong()));
        answer(exchange, 200, answer);
    }

    private void messages(HttpExchange exchange, Request request, long conversationId, String rest) throws IOException {
        ObjectNode conversation = conversations.get(conversationId);
        if (conversation == null) {
            answer(exchange, 404, json.createObjectNode().put("error", "Resource could not be found"));
            return;
        }
        if (request.method().equals("GET") && rest.equals("/messages")) {
            ArrayNode list = json.createArrayNode();
            List<ObjectNode> all = messagesOf(conversationId);
            all.subList(Math.max(0, all.size() - 20), all.size()).forEach(list::add);
            ObjectNode answer = json.createObjectNode();
            answer.putObject("meta");
            answer.set("payload", list);
            answer(exchange, 200, answer);
        } else if (request.method().equals("POST") && rest.equals("/messages") && refuseMessages) {
            answer(exchange, 503, json.createObjectNode().put("error", "Service Unavailable"));
        } else if (request.method().equals("POST") && rest.equals("/messages")) {
            JsonNode body = request.body();
            String type = body.path("message_type").asText("outgoing");
            ObjectNode message = newMessage(conversation, body.path("content").asText(""), "incoming".equals(type) ? 0 : 1,
                    body.path("source_id").asText(null));
            message.put("private", body.path("private").asBoolean(false));
            if (body.has("content_attributes")) {
                message.set("content_attributes", body.path("content_attributes").deepCopy());
            }
            ArrayNode attachments = message.putArray("attachments");
            request.files().forEach(file -> attachments.addObject().put("file_type", "image").put("data_url", url() + "/files/" + file));
            messages.put(message.path("id").asLong(), message);
            webhooks.submit(webhook(message));
            if (!answerDelay.isZero()) {
                sleep(answerDelay);
            }
            if (messagesPosted.incrementAndGet() == heldMessage) {
                sleep(heldFor);
            }
            answer(exchange, 200, message);
        } else if (request.method().equals("PATCH") && rest.matches("/messages/\\d+")) {
            ObjectNode message = messages.get(Long.parseLong(rest.substring("/messages/".length())));
            String status = request.body().path("status").asText();
            if (message == null || message.path("conversation_id").asLong() != conversationId) {
                answer(exchange, 404, json.createObjectNode().put("error", "Resource could not be found"));
            } else if (!List.of("sent", "delivered", "read", "failed").contains(status)
                    || ("read".equals(message.path("status").asText()) && "delivered".equals(status))) {
                answer(exchange, 422, json.createObjectNode().put("error", "status cannot move from "
                        + message.path("status").asText() + " to " + status));
            } else {
                message.put("status", status);
                if (request.body().has("external_error")) {
                    message.with("content_attributes").put("external_error", request.body().path("external_error").asText());
                }
                answer(exchange, 200, message);
            }
        } else {
            answer(exchange, 404, json.createObjectNode().put("error", "not part of the stand-in"));
        }
    }

    private ObjectNode newMessage(ObjectNode conversation, String content, int messageType, String sourceId) {
        ObjectNode message = json.createObjectNode().put("id", ids.incrementAndGet()).put("content", content)
                .put("account_id", ACCOUNT).put("inbox_id", conversation.path("inbox_id").asLong())
                .put("conversation_id", conversation.path("id").asLong()).put("message_type", messageType)
                .put("created_at", Instant.now().getEpochSecond()).put("private", false).put("status", "sent")
                .put("source_id", sourceId);
        message.putObject("content_attributes");
        return message;
    }

    private void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        webhooks.shutdownNow();
    }

    /** A multipart form's text fields as a JSON object (bracketed names nested), its files' names listed. */
    static final class Multipart {

        private Multipart() {
        }

        static JsonNode fields(String contentType, byte[] raw, ObjectMapper json, List<String> files) {
            String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            ObjectNode fields = json.createObjectNode();
            for (String part : text.split(Pattern.quote(boundary))) {
                int headerEnd = part.indexOf("\r\n\r\n");
                if (headerEnd < 0) {
                    continue;
                }
                String headers = part.substring(0, headerEnd);
                String value = part.substring(headerEnd + 4, part.length() - (part.endsWith("\r\n") ? 2 : 0));
                Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
                if (!name.find()) {
                    continue;
                }
                Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
                if (file.find()) {
                    files.add(file.group(1) + ":" + value.length());
                    continue;
                }
                String utf8 = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                Matcher nested = Pattern.compile("^(\\w+)\\[(\\w+)]$").matcher(name.group(1));
                if (nested.matches()) {
                    fields.with(nested.group(1)).put(nested.group(2), utf8);
                } else {
                    fields.put(name.group(1), utf8);
                }
            }
            return fields;
        }
    }
}
