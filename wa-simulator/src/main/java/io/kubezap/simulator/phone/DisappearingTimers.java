package io.kubezap.simulator.phone;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Disappearing messages as a phone sees them: each one-to-one chat's timer (set by either side, with an
 * {@code EPHEMERAL_SETTING} protocol message), the account's default for new chats (the {@code disappearing_mode} IQ its
 * companions send), and the expiration each received message carried ({@code contextInfo.expiration}).
 */
public final class DisappearingTimers {

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

    void received(String messageId, int expiration) {
        if (expiration > 0) {
            received.put(messageId, expiration);
        }
    }

    public int accountDefault() {
        return accountDefault;
    }

    public void accountDefault(int seconds) {
        this.accountDefault = seconds;
    }

    /** {@code {default, chats: {jid: seconds}, received: {messageId: expiration}}}, as the control API shows it. */
    public Map<String, Object> view() {
        return Map.of("default", accountDefault, "chats", new TreeMap<>(chats), "received", new TreeMap<>(received));
    }
}
