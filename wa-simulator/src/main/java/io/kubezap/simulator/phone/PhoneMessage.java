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
    private final Content content;
    private final byte[] secret;
    private final Instant at;
    private String text;
    private Instant editedAt;
    private boolean deleted;
    private String status;
    private final Map<String, String> reactions = new LinkedHashMap<>();
    private final Map<String, List<String>> votes = new LinkedHashMap<>();

    PhoneMessage(String id, boolean sent, Jid peer, Jid author, Content content, byte[] secret, Instant at, String text) {
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

    /** Receipts only move forward: delivered, then read. */
    void receipt(String type) {
        if ("read".equals(type) || ("delivered".equals(type) && status.equals("sent"))) {
            status = type;
        }
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

    public Map<String, String> reactions() {
        return Map.copyOf(reactions);
    }

    public Map<String, List<String>> votes() {
        return Map.copyOf(votes);
    }
}
