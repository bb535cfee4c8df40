package io.kubezap.simulator.phone;

import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.MessageKey;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message as a phone's chat shows it now: sent or received, its current text (after edits), whether it was deleted
 * for everyone, the reactions on it (one per account) and, for a poll, each voter's choice. Guarded by its phone.
 */
public final class PhoneMessage {
    private final String id;
    private final boolean sent;
    private final Jid peer;
    private final Jid author;
    private Content content;
    private final byte[] secret;
    private final Instant at;
    private String text;
    private Instant editedAt;
    private boolean deleted;
    private boolean hd;
    private ReceivedMedia hdOriginal;
    private List<String> hdProblems = List.of();
    private String status;
    /** For a sent message: the accounts it went to (the chat's other account, a group's other members, a status's audience). */
    private final java.util.Set<String> recipients;
    /** For a sent message: each recipient account's receipt so far (delivered, read or played). */
    private final Map<String, String> receipts = new LinkedHashMap<>();
    private final Map<String, String> reactions = new LinkedHashMap<>();
    private final Map<String, List<String>> votes = new LinkedHashMap<>();
    private static final List<String> RECEIPT_ORDER = List.of("delivered", "read", "played");
    /** For an event: each guest account's answer (GOING, NOT_GOING, MAYBE). */
    private final Map<String, String> responses = new LinkedHashMap<>();
    private String bizNode;
    /** A carousel's card pictures as the phone downloaded them, in card order (null: a card without one). */
    private List<ReceivedMedia> cardImages = List.of();

    PhoneMessage(String id, boolean sent, Jid peer, Jid author, Content content, byte[] secret, Instant at, String text,
                 java.util.Set<String> recipients) {
        this.recipients = java.util.Set.copyOf(recipients);
        this.id = id;
        this.sent = sent;
        this.peer = peer;
        this.author = author;
        this.content = content;
        this.secret = secret;
        this.at = at;
        this.text = text;
        this.status = sent ? "sent" : "received";
    }

    /** The key a reaction, edit, deletion or vote from this phone names this message by. */
    MessageKey key() {
        // in a group the key also names who wrote the message
        var participant = !sent && JidServer.groupOrCommunity().equals(peer.server()) ? author.toString() : null;
        return new MessageKey(peer.toString(), sent, id, participant);
    }

    void edit(String newText, Instant when) {
        text = newText;
        editedAt = when;
    }

    void delete() {
        deleted = true;
    }

    /**
     * Its HD original arrived ({@link PhoneHdOriginals}): the file the phone downloaded, or null when not downloaded now,
     * and what the app found wrong in the pair.
     */
    void showInHd(ReceivedMedia original, List<String> problems) {
        hd = true;
        hdOriginal = original;
        hdProblems = problems;
    }

    /** What the app found wrong in this message's HD pair; empty for none (or no HD original). */
    public List<String> hdProblems() {
        return hdProblems;
    }

    /** Whether the chat shows this photo or video with its HD badge. */
    public boolean hd() {
        return hd;
    }

    public ReceivedMedia hdOriginal() {
        return hdOriginal;
    }

    void react(Jid account, String emoji) {
        if (emoji == null || emoji.isEmpty()) {
            reactions.remove(account.toString());
        } else {
            reactions.put(account.toString(), emoji);
        }
    }

    void vote(Jid account, List<String> options) {
        votes.put(account.toString(), List.copyOf(options));
    }

    void respond(Jid account, String answer) {
        responses.put(account.toString(), answer);
    }

    /** The event as its creator changed (or cancelled) it. */
    void replaceEvent(Content.Event event, Instant when) {
        content = event;
        editedAt = when;
    }

    /**
     * A recipient account's receipt ({@code delivered}, {@code read} or {@code played}: a voice note listened to); each
     * only moves forward. The ticks follow the slowest recipient, as WhatsApp's message info does: two when every
     * recipient got it, blue when every one read it, played when every one played it.
     *
     * @return false when {@code account} is not one this message went to (the receipt changes nothing)
     */
    boolean receipt(String account, String type) {
        if (!recipients.contains(account)) {
            return false;
        }
        if (RECEIPT_ORDER.indexOf(type) > RECEIPT_ORDER.indexOf(receipts.getOrDefault(account, ""))) {
            receipts.put(account, type);
        }
        if (receipts.keySet().containsAll(recipients)) {
            status = receipts.values().stream().min(java.util.Comparator.comparingInt(RECEIPT_ORDER::indexOf)).orElse("delivered");
        }
        return true;
    }

    public String id() {
        return id;
    }

    public boolean sent() {
        return sent;
    }

    /** The other account of the chat. */
    public Jid peer() {
        return peer;
    }

    public Jid author() {
        return author;
    }

    /** The child of the {@code <biz>} node the message arrived with ({@code interactive}, {@code list}), or null. */
    public String bizNode() {
        return bizNode;
    }

    void bizNode(String node) {
        this.bizNode = node;
    }

    /** A carousel's card pictures as the phone downloaded them, in card order (null: a card without one). */
    public List<ReceivedMedia> cardImages() {
        return cardImages;
    }

    void cardImages(List<ReceivedMedia> downloaded) {
        this.cardImages = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(downloaded));
    }

    public Content content() {
        return content;
    }

    byte[] secret() {
        return secret;
    }

    public Instant at() {
        return at;
    }

    public String text() {
        return text;
    }

    public Instant editedAt() {
        return editedAt;
    }

    public boolean deleted() {
        return deleted;
    }

    /** For a sent message: sent, delivered or read (by the recipient's receipts). */
    public String status() {
        return status;
    }

    /** For a sent message: each recipient account that sent a receipt, with its latest (delivered or read). */
    public Map<String, String> receipts() {
        return Map.copyOf(receipts);
    }

    public Map<String, String> reactions() {
        return Map.copyOf(reactions);
    }

    public Map<String, String> responses() {
        return Map.copyOf(responses);
    }

    public byte[] messageSecret() {
        return secret;
    }

    public Map<String, List<String>> votes() {
        return Map.copyOf(votes);
    }
}
