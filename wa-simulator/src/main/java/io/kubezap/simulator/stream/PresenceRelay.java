package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence as WhatsApp's server relays it: a companion subscribes to an account ({@code presence type="subscribe"})
 * and gets its current presence at once and every change after; {@code chatstate} stanzas (typing, recording, paused)
 * go to the other side of the chat; an account's own {@code presence} (available, unavailable) is remembered, with the
 * push name it carries ({@code name}, as WhatsApp's clients send it: the name the server shows others).
 */
public final class PresenceRelay {

    /** What the simulator knows of one account: announced online or not, and when it was last seen. */
    public record Seen(String state, Instant lastSeen) {
    }

    private final PhoneDirectory phones;
    private final OfflineQueue offline;
    private final Clock clock;
    /** Per account (its number), each subscribed device and the address it subscribed to (the number or the LID). */
    private final Map<String, Map<Jid, Jid>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Seen> accounts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> chatStatesSeen = new ConcurrentHashMap<>();
    private final Map<String, List<ChatStateSeen>> chatStateLog = new ConcurrentHashMap<>();
    private final Map<String, String> announcedNames = new ConcurrentHashMap<>();

    /** One chat state a phone's owner saw, in the order they came: who, what, when. */
    public record ChatStateSeen(String from, String state, Instant at) {
    }

    PresenceRelay(PhoneDirectory phones, OfflineQueue offline, Clock clock) {
        this.phones = phones;
        this.offline = offline;
        this.clock = clock;
    }

    /** The owner of a phone comes online or goes offline: every device subscribed to the account hears it. */
    public Seen announce(String number, boolean available) {
        var phone = phone(number);
        var seen = new Seen(available ? "available" : "unavailable", clock.instant());
        accounts.put(number, seen);
        subscribers.getOrDefault(number, Map.of()).forEach((device, address) -> offline.deliver(device, presence(address, seen)));
        return seen;
    }

    /** The owner types, records or stops in the chat with {@code toNumber}: that account's linked devices see it. */
    public void chatState(String fromNumber, String toNumber, String state) {
        var signal = switch (state == null ? "" : state) {
            case "composing" -> Node.of("composing");
            case "recording" -> Node.of("composing", Map.of("media", "audio"));
            case "paused" -> Node.of("paused");
            default -> throw new IllegalArgumentException("state is composing, recording or paused, got " + state);
        };
        // a LID-addressed account types under its LID, as its messages come
        var from = phone(fromNumber).address();
        phone(toNumber).devices().stream().filter(device -> device.status() == DeviceStatus.LINKED).map(LinkedDevice::jid)
                .forEach(device -> offline.deliver(device, Node.of("chatstate", Map.of("from", from), signal)));
    }

    /** What an account announced last (its companions' presence), if anything. */
    public Seen seen(String number) {
        return accounts.getOrDefault(number, new Seen("unavailable", null));
    }

    /** The chat states a phone's owner sees from others: account JID → composing, recording or paused. */
    public Map<String, String> chatStatesSeenBy(String number) {
        return Map.copyOf(chatStatesSeen.getOrDefault(number, Map.of()));
    }

    /** Every chat state a phone's owner saw from others, oldest first. */
    public List<ChatStateSeen> chatStateLogOf(String number) {
        return List.copyOf(chatStateLog.getOrDefault(number, List.of()));
    }

    void onClientPresence(ChatSession session, Node presence) {
        session.deviceJid().ifPresent(device -> onClientPresence(device, presence, session::answer));
    }

    void onClientPresence(Jid device, Node presence, java.util.function.Consumer<Node> answer) {
        var type = presence.attributes().getString("type", "available");
        if (type.equals("subscribe")) {
            // an account is subscribed to by its number or, as LID-first clients do, by its LID: told under that address
            presence.attributes().getOptionalJid("to").flatMap(to -> phones.find(to).map(account -> Map.entry(account, to.toSimpleJid())))
                    .ifPresent(subscription -> {
                        var number = subscription.getKey().number();
                        subscribers.computeIfAbsent(number, ignored -> new ConcurrentHashMap<>()).put(device, subscription.getValue());
                        answer.accept(presence(subscription.getValue(), seen(number)));
                    });
            return;
        }
        if (type.equals("available") || type.equals("unavailable")) {
            accounts.put(device.user(), new Seen(type, clock.instant()));
            var name = presence.attributes().getString("name", "");
            if (!name.isBlank()) {
                announcedNames.put(device.user(), name);
            }
        }
    }

    /**
     * The push name the account's companions last announced in their presence: what WhatsApp's server shows others with
     * the account's messages (the phone's own setting lives in its app state and is not changed by it).
     */
    public java.util.Optional<String> announcedName(String number) {
        return java.util.Optional.ofNullable(announcedNames.get(number));
    }

    void onClientChatState(ChatSession session, Node chatState) {
        session.deviceJid().ifPresent(device -> onClientChatState(device, chatState));
    }

    void onClientChatState(Jid device, Node chatState) {
        var to = chatState.attributes().getOptionalJid("to");
        var signal = chatState.children().peekFirst();
        if (to.isEmpty() || signal == null) {
            return;
        }
        var state = signal.description().equals("composing") && "audio".equals(signal.attributes().getString("media", ""))
                ? "recording" : signal.description();
        var from = device.toSimpleJid().toString();
        // the chat may be addressed by the account's number or by its LID
        var account = phones.find(to.get()).map(SimulatedPhone::number).orElse(to.get().user());
        chatStatesSeen.computeIfAbsent(account, ignored -> new ConcurrentHashMap<>()).put(from, state);
        chatStateLog.computeIfAbsent(account, ignored -> new CopyOnWriteArrayList<>())
                .add(new ChatStateSeen(from, state, clock.instant()));
    }

    private static Node presence(Jid from, Seen seen) {
        if (seen.state().equals("available")) {
            return Node.of("presence", Map.of("from", from));
        }
        return seen.lastSeen() == null ? Node.of("presence", Map.of("from", from, "type", "unavailable"))
                : Node.of("presence", Map.of("from", from, "type", "unavailable", "last", seen.lastSeen().getEpochSecond()));
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }
}
