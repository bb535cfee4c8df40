package io.kubezap.simulator.phone;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Disappearing messages as a phone sees them: each one-to-one chat's timer (set by either side, with an
 * {@code EPHEMERAL_SETTING} protocol message), the account's default for new chats (the {@code disappearing_mode} IQ its
 * companions send), and the expiration each received message carried ({@code contextInfo.expiration}).
 */
public final class DisappearingTimers {

    /** WhatsApp's durations: off, 24 hours, 7 days, 90 days. */
    private static final List<Integer> DURATIONS = List.of(0, 86_400, 604_800, 7_776_000);

    private final Map<String, Integer> chats = new ConcurrentHashMap<>();
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private volatile int accountDefault;

    void chatSet(String chatJid, int seconds) {
        chats.put(chatJid, seconds);
    }

    /** Seconds messages in the chat with {@code chatJid} last; 0 when they stay. */
    public int chat(String chatJid) {
        return chats.getOrDefault(chatJid, 0);
    }

    /**
     * Seconds a message this phone sends now to {@code chatJid} lasts: the chat's timer; a chat the phone starts takes the
     * account's default, as WhatsApp's apps do (its first message carries it, no setting message is sent).
     */
    public int forSending(String chatJid) {
        return chats.computeIfAbsent(chatJid, started -> accountDefault);
    }

    /** A message from {@code chatJid}: a chat the phone did not have yet takes the expiration it carried. */
    void received(String chatJid, String messageId, int expiration) {
        chats.putIfAbsent(chatJid, expiration);
        if (expiration > 0) {
            received.put(messageId, expiration);
        }
    }

    public int accountDefault() {
        return accountDefault;
    }

    public void accountDefault(int seconds) {
        this.accountDefault = checked(seconds);
    }

    /** {@code seconds} when WhatsApp offers that duration. */
    public static int checked(int seconds) {
        if (!DURATIONS.contains(seconds)) {
            throw new IllegalArgumentException("Messages disappear after 86400, 604800 or 7776000 seconds, or never (0)");
        }
        return seconds;
    }

    /** {@code {default, chats: {jid: seconds}, received: {messageId: expiration}}}, as the control API shows it. */
    public Map<String, Object> view() {
        return Map.of("default", accountDefault, "chats", new TreeMap<>(chats), "received", new TreeMap<>(received));
    }
}
