package io.kubezap.simulator.stream;

import io.kubezap.simulator.history.HistorySyncBootstrap;
import io.kubezap.simulator.history.PastChat;
import io.kubezap.simulator.history.PastMessage;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Trusted-contact privacy tokens, and the one-to-one messages WhatsApp refuses without one (error 463).
 *
 * <p>An account issues its token to a contact ({@code <iq xmlns="privacy" type="set"><tokens><token jid t
 * type="trusted_contact"/></tokens></iq>}; a phone does it after it writes to someone): the server mints the opaque token,
 * keeps it, and tells the contact's linked devices with a {@code privacy_token} notification from the issuer
 * ({@code sender_lid} its LID). The contact shows that token ({@code <tctoken>}) when it writes to the issuer; a token is
 * valid for four 7-day buckets after its time (whatsmeow {@code tctoken.go}, Baileys 7 {@code tc-token-utils}). The issue
 * IQ is answered with the contact's token for the issuer ("sends our token, receives theirs back": Baileys 7 stores the
 * answer and its 463 recovery depends on it): the one the contact issued, or, for a contact the account has no chat with
 * yet, a new one when the account may start a chat ({@link ReachOutLimits}). A one-to-one message from a companion to a
 * person that carries no valid token is answered {@code <ack class="message" error="463">} and not delivered.
 */
final class PrivacyTokens {
    static final String TRUSTED_CONTACT = "trusted_contact";
    static final String MISSING_TOKEN = "463";
    static final long BUCKET_SECONDS = 604_800;
    static final int BUCKETS = 4;
    private static final int TOKEN_BYTES = 24;
    private static final int SALT_BYTES = 32;

    private final PhoneDirectory phones;
    private final OfflineQueue offline;
    private final Clock clock;
    private final ReachOutLimits limits;
    private final SecureRandom random = new SecureRandom();
    private final Map<Issue, IssuedToken> issued = new ConcurrentHashMap<>();
    private final Set<Issue> chats = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> salts = new ConcurrentHashMap<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final TokenJournal journal = new TokenJournal();

    PrivacyTokens(PhoneDirectory phones, OfflineQueue offline, Clock clock, ReachOutLimits limits) {
        this.phones = phones;
        this.offline = offline;
        this.clock = clock;
        this.limits = limits;
    }

    /** Who issued a token to whom, by phone number. */
    record Issue(String issuer, String contact) {
    }

    record IssuedToken(byte[] token, long timestamp) {
    }

    /** A one-to-one message the server refused: its id, sender and recipient numbers, the error, when. */
    record Refusal(String messageId, String from, String to, String error, Instant at) {
    }

    /** Answers a token issue; empty for any other IQ. {@code device}: the companion that asks. */
    Optional<Node> answer(Optional<Jid> device, Node iq) {
        var tokens = iq.findChild("tokens");
        if (!"privacy".equals(iq.attributes().getString("xmlns", "")) || !"set".equals(iq.attributes().getString("type", ""))
                || tokens.isEmpty()) {
            return Optional.empty();
        }
        var issuer = device.flatMap(companion -> phones.find(companion.user()));
        var asked = tokens.get().listChildren("token");
        if (issuer.isEmpty() || asked.isEmpty() || !asked.stream().allMatch(PrivacyTokens::isWellFormed)) {
            return Optional.of(ServerNodes.error(iq, 400, "bad-request"));
        }
        var theirs = new ArrayList<Node>();
        for (var token : asked) {
            var jid = token.attributes().getRequiredJid("jid");
            var contact = phones.find(jid);
            if (contact.isEmpty()) {
                return Optional.of(ServerNodes.error(iq, 404, "item-not-found"));
            }
            journal.add(TokenJournal.ISSUED, issuer.get().number(), contact.get().number(), iq.id(), clock.instant());
            issue(issuer.get(), contact.get(), token.attributes().getLong("t"));
            tokenFor(issuer.get(), contact.get()).ifPresent(back -> theirs.add(Node.of("token",
                    ServerNodes.attributes("jid", jid, "t", back.timestamp(), "type", TRUSTED_CONTACT), back.token())));
        }
        return Optional.of(theirs.isEmpty() ? ServerNodes.result(iq) : ServerNodes.result(iq, Node.of("tokens", theirs)));
    }

    /**
     * The token {@code holder} may show {@code contact}: the contact's valid one, or a new one when the holder may start a
     * chat with the contact (an existing chat is never counted again).
     */
    private Optional<IssuedToken> tokenFor(SimulatedPhone holder, SimulatedPhone contact) {
        var key = new Issue(contact.number(), holder.number());
        var held = issued.get(key);
        if (held != null && !expired(held.timestamp())) {
            return Optional.of(held);
        }
        if (!hasChat(holder, contact) && !limits.startChat(holder.number())) {
            return Optional.empty();
        }
        var fresh = mint(key, clock.instant().getEpochSecond());
        chats.add(chat(holder, contact));
        return Optional.of(fresh);
    }

    private static boolean isWellFormed(Node token) {
        return token.attributes().getOptionalJid("jid").isPresent()
                && TRUSTED_CONTACT.equals(token.attributes().getString("type", ""))
                && token.attributes().getLong("t") > 0;
    }

    /**
     * The token fields of a past one-to-one chat of {@code owner}, as the phone hands them to its companions in history
     * sync: the token the contact gave when it last wrote (given then, if the chat began before this server knew it), and
     * when the owner last gave its own. Empty for a group, or a chat the contact never wrote in.
     */
    Optional<HistorySyncBootstrap.ChatToken> ofPastChat(SimulatedPhone owner, PastChat chat) {
        var lastWrote = chat.messages().stream().filter(message -> !message.fromMe()).map(PastMessage::at).max(Instant::compareTo);
        if (!JidServer.whatsapp().equals(chat.jid().server()) || lastWrote.isEmpty()) {
            return Optional.empty();
        }
        var contact = chat.jid().user();
        var given = issued.computeIfAbsent(new Issue(contact, owner.number()), issue -> {
            var token = new byte[TOKEN_BYTES];
            random.nextBytes(token);
            return new IssuedToken(token, lastWrote.get().getEpochSecond());
        });
        chats.add(owner.number().compareTo(contact) < 0 ? new Issue(owner.number(), contact) : new Issue(contact, owner.number()));
        var own = Optional.ofNullable(issued.get(new Issue(owner.number(), contact))).map(IssuedToken::timestamp).orElse(0L);
        return Optional.of(new HistorySyncBootstrap.ChatToken(given.token(), given.timestamp(), own));
    }

    /**
     * The account's NCT salt, made once: its companions learn it from the initial history sync ({@code nctSalt}) and
     * derive a client-side token for a recipient from it (whatsmeow {@code cstoken.go}).
     */
    byte[] nctSalt(String account) {
        return salts.computeIfAbsent(account, ignored -> {
            var salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            return salt;
        });
    }

    /**
     * A client-side token ({@code <cstoken>}) is HMAC-SHA256 under the sender's NCT salt of the recipient's LID
     * ({@code <user>@lid}); it stands in for the recipient's trusted-contact token, within the sender's reach-out limits.
     */
    private boolean showsClientSideToken(SimulatedPhone sender, SimulatedPhone recipient, Node message) {
        var shown = message.findChild("cstoken").flatMap(Node::contentAsBytes);
        if (shown.isEmpty()) {
            return false;
        }
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(nctSalt(sender.number()), "HmacSHA256"));
            var expected = mac.doFinal((recipient.lid().user() + "@lid").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.security.MessageDigest.isEqual(expected, shown.get())
                    && (hasChat(sender, recipient) || limits.startChat(sender.number()));
        } catch (java.security.GeneralSecurityException unavailable) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", unavailable);
        }
    }

    /** A phone wrote to {@code contact}: as WhatsApp's apps do, it issues its token once per bucket. */
    void afterPhoneSend(SimulatedPhone sender, SimulatedPhone contact) {
        chats.add(chat(sender, contact));
        var last = issued.get(new Issue(sender.number(), contact.number()));
        var now = clock.instant().getEpochSecond();
        if (last == null || now / BUCKET_SECONDS > last.timestamp() / BUCKET_SECONDS) {
            issue(sender, contact, now);
        }
    }

    /**
     * Whether a companion of {@code sender} may deliver {@code message} to {@code recipient}: it shows the valid token
     * the recipient issued to the sender. A refusal is recorded.
     */
    boolean admits(SimulatedPhone sender, SimulatedPhone recipient, Node message) {
        var held = issued.get(new Issue(recipient.number(), sender.number()));
        var shown = message.findChild("tctoken").flatMap(Node::contentAsBytes);
        if (held != null && shown.isPresent() && Arrays.equals(held.token(), shown.get()) && !expired(held.timestamp())) {
            chats.add(chat(sender, recipient));
            journal.add(TokenJournal.ADMITTED, sender.number(), recipient.number(), message.id(), clock.instant());
            return true;
        }
        if (showsClientSideToken(sender, recipient, message)) {
            chats.add(chat(sender, recipient));
            journal.add(TokenJournal.ADMITTED_BY_CLIENT_SIDE_TOKEN, sender.number(), recipient.number(), message.id(), clock.instant());
            return true;
        }
        journal.add(TokenJournal.REFUSED, sender.number(), recipient.number(), message.id(), clock.instant());
        refusals.add(new Refusal(message.id(), sender.number(), recipient.number(), MISSING_TOKEN, clock.instant()));
        return false;
    }

    private boolean expired(long timestamp) {
        var currentBucket = clock.instant().getEpochSecond() / BUCKET_SECONDS;
        return timestamp < (currentBucket - (BUCKETS - 1)) * BUCKET_SECONDS;
    }

    private boolean hasChat(SimulatedPhone one, SimulatedPhone other) {
        return chats.contains(chat(one, other));
    }

    private static Issue chat(SimulatedPhone one, SimulatedPhone other) {
        return one.number().compareTo(other.number()) < 0 ? new Issue(one.number(), other.number()) : new Issue(other.number(), one.number());
    }

    private void issue(SimulatedPhone issuer, SimulatedPhone contact, long timestamp) {
        var token = mint(new Issue(issuer.number(), contact.number()), timestamp);
        var notification = notification(issuer, contact, token.token(), timestamp);
        contact.devices().stream()
                .filter(linked -> linked.status() == DeviceStatus.LINKED)
                .forEach(linked -> offline.deliver(linked.jid(), notification));
    }

    private IssuedToken mint(Issue issue, long timestamp) {
        var token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        var minted = new IssuedToken(token, timestamp);
        issued.put(issue, minted);
        return minted;
    }

    private Node notification(SimulatedPhone issuer, SimulatedPhone contact, byte[] token, long timestamp) {
        return Node.of("notification", ServerNodes.attributes("from", issuer.address(), "sender_lid", issuer.lid(),
                        "type", "privacy_token", "id", ServerNodes.newId(), "t", clock.instant().getEpochSecond()),
                Node.of("tokens", Node.of("token", ServerNodes.attributes("jid", contact.jid(), "t", timestamp,
                        "type", TRUSTED_CONTACT), token)));
    }

    /**
     * Ages the token {@code issuer} gave {@code contact} past its last bucket, as four weeks without a new one would: the
     * contact's next message that shows it is refused. Stands in for time passing; nothing is sent.
     *
     * @return false when there is no such token
     */
    boolean expire(String issuer, String contact) {
        var aged = issued.computeIfPresent(new Issue(issuer, contact), (issue, token) -> new IssuedToken(token.token(),
                token.timestamp() - (BUCKETS + 1) * BUCKET_SECONDS));
        return aged != null;
    }

    /** The token {@code contact} issued to {@code holder} (what the holder shows), if any. */
    Optional<IssuedToken> issuedTo(String holder, String contact) {
        return Optional.ofNullable(issued.get(new Issue(contact, holder)));
    }

    /** The one-to-one messages refused to companions of {@code account}, oldest first. */
    List<Refusal> refusalsOf(String account) {
        return refusals.stream().filter(refusal -> refusal.from().equals(account)).toList();
    }

    /** What companions of {@code account} did with tokens, in order: their issues, and their one-to-one messages admitted or refused. */
    List<TokenJournal.Entry> journalOf(String account) {
        return journal.of(account);
    }

    /** The tokens {@code issuer} has issued, by contact number. */
    Map<String, IssuedToken> issuedBy(String issuer) {
        var byContact = new java.util.TreeMap<String, IssuedToken>();
        issued.forEach((issue, token) -> {
            if (issue.issuer().equals(issuer)) {
                byContact.put(issue.contact(), token);
            }
        });
        return byContact;
    }
}
