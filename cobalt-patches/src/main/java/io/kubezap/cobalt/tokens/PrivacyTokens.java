package io.kubezap.cobalt.tokens;

import io.kubezap.cobalt.patches.OutgoingNodes;
import io.kubezap.cobalt.client.PerClient;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trusted-contact privacy tokens for a Cobalt 0.0.10 client, which attaches none: WhatsApp refuses its one-to-one
 * messages to anyone who did not write first with error 463. Done as current clients do it (whatsmeow PR #1081
 * {@code tctoken.go}, Baileys 7 rc14 {@code tc-token-utils} and its 463 recovery, PR #2517):
 * <ul>
 *     <li>a contact's token comes in a {@code privacy_token} notification (or in the answer to an issue) and is kept in the
 *     client's store ({@link TokenShelf}: Cobalt's {@code store.proto}, so in every storage mode the store has);</li>
 *     <li>every one-to-one {@code <message>} (retries included) goes out with the contact's valid token ({@link #attach});</li>
 *     <li>after a message is accepted the account issues its own token to the contact, once per 7-day bucket;</li>
 *     <li>a message refused with 463 is recovered once: the account issues its token to the contact, keeps the token the
 *     server answers with, and sends the same stanza again with it. Still refused, the send fails with the cause the
 *     server reports ({@link Refusal}).</li>
 * </ul>
 */
public final class PrivacyTokens {
    private static final Logger LOG = Logger.getLogger(PrivacyTokens.class.getName());
    static final String MISSING_TOKEN = "463";
    private static final long ANSWER_SECONDS = 30;
    /** How long a first send waits for the contact's token before it goes without one. */
    private static final long PRESEND_SECONDS = 10;
    private static final String TIMELOCK_QUERY = "23983697327930364";
    private static final String CAPPING_QUERY = "24503548349331633";

    private static final PerClient<PrivacyTokens> CLIENTS = new PerClient<>();

    private final Whatsapp client;
    private final TokenShelf shelf;
    private final Map<String, Node> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<Refusal>>> outcomes = new ConcurrentHashMap<>();
    private final Set<String> recovered = ConcurrentHashMap.newKeySet();

    private PrivacyTokens(Whatsapp client, Clock clock, Runnable kept) {
        this.client = client;
        this.shelf = new TokenShelf(client.store().properties(), properties -> {
            client.store().addProperties(properties);
            kept.run();
        }, clock);
    }

    /** Why WhatsApp still refused a message, as the user is told: {@code reachout-timelocked}, {@code new-chat-limit}, {@code missing-privacy-token}. */
    public record Refusal(String messageId, String reason) {
    }

    /**
     * Tokens for {@code client}, whose outgoing nodes the caller passes through {@link #attach} (the session pod's write
     * lock does, with its own hold). Called before the client connects.
     */
    public static PrivacyTokens of(Whatsapp client) {
        return of(client, () -> {
        });
    }

    /**
     * As {@link #of(Whatsapp)}; {@code kept} runs after each change to the tokens kept in the store, for a caller that
     * writes the store at once: Cobalt writes it only every few pings, so a process killed meanwhile would come back
     * without the tokens it was given.
     */
    public static PrivacyTokens of(Whatsapp client, Runnable kept) {
        var tokens = new PrivacyTokens(client, Clock.systemUTC(), kept);
        client.addNodeReceivedListener(tokens::onNode);
        return CLIENTS.keep(client, tokens);
    }

    /** The tokens made for {@code client} by {@link #of} or {@link #install}, if any. */
    public static Optional<PrivacyTokens> existing(Whatsapp client) {
        return CLIENTS.of(client);
    }

    /** Tokens for a bare client: puts a write lock in its socket that attaches them. Called before the client connects. */
    public static PrivacyTokens install(Whatsapp client) {
        var tokens = of(client);
        OutgoingNodes.install(socketHandler(client), tokens::attach);
        return tokens;
    }

    private static it.auties.whatsapp.socket.SocketHandler socketHandler(Whatsapp client) {
        try {
            for (Field field : Whatsapp.class.getDeclaredFields()) {
                if (field.getType() == it.auties.whatsapp.socket.SocketHandler.class) {
                    field.setAccessible(true);
                    return (it.auties.whatsapp.socket.SocketHandler) field.get(client);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException moved) {
            throw new IllegalStateException("Cobalt's socket is not where 0.0.10 keeps it", moved);
        }
        throw new IllegalStateException("Cobalt's socket is not where 0.0.10 keeps it");
    }

    /** What goes out in place of {@code body}: a one-to-one message with the contact's valid token, anything else as it is. */
    public Object attach(Object body) {
        if (!(body instanceof Node node) || !isOneToOne(node)) {
            return body;
        }
        var contact = node.attributes().getRequiredJid("to");
        var children = new ArrayList<Node>();
        node.children().stream().filter(child -> !child.hasDescription("tctoken") && !child.hasDescription("cstoken")).forEach(children::add);
        // as whatsmeow does: the contact's token, else a client-side token, else (the contact's LID unknown) one asked for
        var token = shelf.valid(contact.user());
        var clientSide = token.isPresent() ? Optional.<byte[]>empty() : clientSideToken(contact);
        if (clientSide.isPresent()) {
            children.add(Node.of("cstoken", clientSide.get()));
        } else {
            token.or(() -> fetch(contact)).ifPresent(valid -> children.add(Node.of("tctoken", valid)));
        }
        var sent = Node.of("message", node.attributes(), children.toArray(Node[]::new));
        inFlight.put(node.id(), sent);
        outcomes.computeIfAbsent(node.id(), id -> new CompletableFuture<>());
        return sent;
    }

    /**
     * HMAC-SHA256 under the account's NCT salt of the contact's LID ({@code <user>@lid}), when both are known (whatsmeow
     * {@code cstoken.go}, PR #1102): WhatsApp takes it in place of the contact's token.
     */
    private Optional<byte[]> clientSideToken(Jid contact) {
        var salt = shelf.salt();
        var lid = contact.hasServer(JidServer.lid()) ? Optional.of(contact.user()) : shelf.lidOf(contact.user());
        if (salt.isEmpty() || lid.isEmpty()) {
            return Optional.empty();
        }
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(salt.get(), "HmacSHA256"));
            return Optional.of(mac.doFinal((lid.get() + "@lid").getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException unavailable) {
            LOG.log(Level.WARNING, "no HMAC-SHA256 for a client-side token", unavailable);
            return Optional.empty();
        }
    }

    /**
     * No valid token for the contact: as whatsmeow does before a send, the account issues its own and takes the
     * contact's from the answer; the message goes without one when none comes.
     */
    private Optional<byte[]> fetch(Jid contact) {
        try {
            issue(contact, PRESEND_SECONDS);
        } catch (RuntimeException unanswered) {
            LOG.log(Level.FINE, "no token for " + contact + " before the send", unanswered);
        }
        return shelf.valid(contact.user());
    }

    /**
     * How WhatsApp took the one-to-one message {@code messageId}: empty once accepted (at once or after one recovery),
     * the refusal when it was still refused; completed at once for any message that was not one-to-one.
     */
    public CompletableFuture<Optional<Refusal>> outcome(String messageId) {
        var outcome = outcomes.get(messageId);
        if (outcome == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        // a message WhatsApp never answered is forgotten with its wait
        return outcome.orTimeout(ANSWER_SECONDS * 3, TimeUnit.SECONDS).whenComplete((taken, unanswered) -> {
            if (unanswered != null) {
                outcomes.remove(messageId);
                inFlight.remove(messageId);
                recovered.remove(messageId);
            }
        });
    }

    private boolean isOneToOne(Node node) {
        if (!node.hasDescription("message") || "peer".equals(node.attributes().getString("category", ""))
                || !(node.hasNode("participants") || node.hasNode("enc"))) {
            return false;
        }
        var to = node.attributes().getOptionalJid("to");
        if (to.isEmpty() || !(to.get().hasServer(JidServer.whatsapp()) || to.get().hasServer(JidServer.lid()))) {
            return false;
        }
        var own = client.store().jid().map(Jid::user);
        var ownLid = client.store().lid().map(Jid::user);
        return !own.map(to.get().user()::equals).orElse(false) && !ownLid.map(to.get().user()::equals).orElse(false);
    }

    private void onNode(Node node) {
        if (node.hasDescription("notification") && "privacy_token".equals(node.attributes().getString("type", ""))) {
            keepNotified(node);
        } else if (node.hasDescription("ack") && "message".equals(node.attributes().getString("class", ""))
                && inFlight.containsKey(node.id())) {
            var error = node.attributes().getString("error", "");
            if (error.isEmpty()) {
                accepted(node.id());
            } else {
                Thread.startVirtualThread(() -> refused(node.id(), error));
            }
        }
    }

    private void keepNotified(Node notification) {
        var from = notification.attributes().getOptionalJid("from");
        var senderLid = notification.attributes().getOptionalJid("sender_lid");
        notification.findChild("tokens").stream().flatMap(tokens -> tokens.streamChildren("token"))
                .filter(token -> "trusted_contact".equals(token.attributes().getString("type", "")))
                .forEach(token -> token.contentAsBytes().ifPresent(bytes -> {
                    var t = token.attributes().getLong("t");
                    from.ifPresent(jid -> shelf.keep(jid.user(), bytes, t));
                    senderLid.ifPresent(jid -> shelf.keep(jid.user(), bytes, t));
                }));
        from.filter(jid -> jid.hasServer(JidServer.whatsapp())).ifPresent(number -> senderLid.ifPresent(lid ->
                shelf.keepSaltAndLids(null, Map.of(number.user(), lid.user()))));
    }

    /**
     * A contact's token as a history sync's conversation carries it ({@code tcToken}, {@code tcTokenTimestamp}) and when
     * the account last gave its own ({@code tcTokenSenderTimestamp}, 0: never).
     */
    public record HistoryToken(byte[] token, long timestamp, long senderTimestamp) {
    }

    /**
     * What a history sync tells: its conversations' tokens by contact (number and LID users), kept unless a newer one
     * is; the account's NCT salt ({@code nctSalt}, null when the batch carries none); its contacts' LIDs by number.
     */
    public void keepFromHistory(Map<String, HistoryToken> tokensByContact, byte[] nctSalt, Map<String, String> lidsByNumber) {
        shelf.keepAll(tokensByContact);
        shelf.keepSaltAndLids(nctSalt, lidsByNumber);
    }

    private void accepted(String messageId) {
        var message = inFlight.remove(messageId);
        recovered.remove(messageId);
        var outcome = outcomes.remove(messageId);
        if (outcome != null) {
            outcome.complete(Optional.empty());
        }
        var contact = message.attributes().getRequiredJid("to");
        if (shelf.dueForIssue(contact.user())) {
            Thread.startVirtualThread(() -> {
                try {
                    issue(contact);
                } catch (RuntimeException failed) {
                    LOG.log(Level.FINE, "issuing the account's token to " + contact + " failed", failed);
                }
            });
        }
    }

    private void refused(String messageId, String error) {
        var message = inFlight.get(messageId);
        if (message == null) {
            return;
        }
        var contact = message.attributes().getRequiredJid("to");
        try {
            if (MISSING_TOKEN.equals(error) && recovered.add(messageId)) {
                issue(contact);
                if (shelf.valid(contact.user()).isPresent()) {
                    client.sendNode(message);
                    return;
                }
            }
            finish(messageId, MISSING_TOKEN.equals(error) ? cause() : "error-" + error);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "recovering message " + messageId + " from error " + error + " failed", failed);
            finish(messageId, "missing-privacy-token");
        }
    }

    private void finish(String messageId, String reason) {
        inFlight.remove(messageId);
        recovered.remove(messageId);
        var outcome = outcomes.remove(messageId);
        if (outcome != null) {
            outcome.complete(Optional.of(new Refusal(messageId, reason)));
        }
    }

    /** Issues the account's token to {@code contact} and keeps the contact's token the server answers with. */
    private void issue(Jid contact) {
        issue(contact, ANSWER_SECONDS);
    }

    private void issue(Jid contact, long patience) {
        var now = shelf.now();
        var answer = client.sendNode(Node.of("iq", Map.of("xmlns", "privacy", "type", "set", "to", JidServer.whatsapp().toJid()),
                Node.of("tokens", Node.of("token", Map.of("jid", contact.toSimpleJid(), "t", String.valueOf(now),
                        "type", "trusted_contact"))))).orTimeout(patience, TimeUnit.SECONDS).join();
        shelf.issued(contact.user(), now);
        answer.findChild("tokens").stream().flatMap(tokens -> tokens.streamChildren("token"))
                .filter(token -> "trusted_contact".equals(token.attributes().getString("type", "")))
                .forEach(token -> token.contentAsBytes().ifPresent(bytes -> shelf.keep(contact.user(), bytes, token.attributes().getLong("t"))));
    }

    /** Why the account may not reach the contact: its reach-out restriction, its new-chat cap, or no token at all. */
    private String cause() {
        if (mex(TIMELOCK_QUERY).contains("\"is_active\":true")) {
            return "reachout-timelocked";
        }
        if (mex(CAPPING_QUERY).contains("\"capping_status\":\"CAPPED\"")) {
            return "new-chat-limit";
        }
        return "missing-privacy-token";
    }

    private String mex(String queryId) {
        try {
            var answer = client.sendNode(Node.of("iq", Map.of("xmlns", "w:mex", "type", "get", "to", JidServer.whatsapp().toJid()),
                    Node.of("query", Map.of("query_id", queryId), "{\"variables\":{}}".getBytes(StandardCharsets.UTF_8))))
                    .orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS).join();
            return answer.findChild("result").flatMap(Node::contentAsBytes)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8).replace(" ", "")).orElse("");
        } catch (RuntimeException unanswered) {
            return "";
        }
    }
}
