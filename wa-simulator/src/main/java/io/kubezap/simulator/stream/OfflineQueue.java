package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What the server holds for each companion: stanzas (messages, receipts, notifications) wait here
 * while the companion is not connected and are delivered in order at its next login, followed by
 * {@code <ib><offline count="N"/></ib>}; each stanza of such a backlog carries {@code offline} (one sent live does not).
 * As WhatsApp's servers do, a login with stanzas waiting is first told how
 * many ({@code <ib><offline_preview count message notification receipt appdata/></ib>}), and the backlog is then paced:
 * at most {@link #PASSIVE_WINDOW} of its messages are out unanswered at a time (what clients that never ask see:
 * small batches), or as many as the client asked for with {@code <ib><offline_batch count="N"/></ib>} (WhatsApp Web
 * asks 100-200, Baileys 100). So the answers to the client's login queries are never behind the whole backlog in the
 * stream. What arrives for the device while its backlog drains waits behind it; the marker follows the last of it.
 * Like WhatsApp's servers, a stanza is only forgotten once
 * the client acknowledges it, each stanza on its own: a {@code message} by the client's delivery
 * {@code <receipt id="..">} (any type but {@code retry}; what WhatsApp Web sends, with no ack) or by an
 * {@code <ack class="message">} (with or without {@code error}: what clients send for what they cannot
 * use, and what older clients send besides the receipt); a {@code receipt} or {@code notification} by
 * its {@code <ack class="receipt|notification">}. What a connection got but never acknowledged, queued
 * or sent live while it was connected, is delivered again at the next login, before the rest; never
 * again on the same connection. Each device holds at most {@code capacity} stanzas; beyond that new
 * ones are refused.
 */
public final class OfflineQueue {
    private static final Logger LOG = Logger.getLogger(OfflineQueue.class.getName());

    /** How many stanzas one device may have waiting: a day of a busy shop's traffic. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** How many of a backlog's messages may be out unanswered at once for a client that never asked for a batch. */
    public static final int PASSIVE_WINDOW = 5;

    private final int capacity;
    private final Clock clock;
    private final Map<Jid, Mailbox> mailboxes = new ConcurrentHashMap<>();

    /** One stanza waiting for a device; {@code tag} is the stanza's name, as the client's ack names it in {@code class}. */
    public record Queued(String id, String tag, String type, Instant queuedAt, Node node) {
    }

    /** A client connection as the queue sees it. */
    interface Link {
        /** Whether stanzas can be written to it now (the handshake is done, it is not closed). */
        boolean established();

        void send(Node stanza);
    }

    private static final class Mailbox {
        private final Deque<Queued> pending = new ArrayDeque<>();
        private final Map<String, Queued> unacked = new LinkedHashMap<>();
        private Link connected;
        /** The connection whose acknowledgements of messages are lost (fault {@code lose-acks}). */
        private Link losesMessageAcks;
        /** What a closed connection got and did not acknowledge: it waits at the head of {@code pending}. */
        private final java.util.Set<String> delivered = new java.util.HashSet<>();
        /** What this login's backlog has not sent yet, in order; what arrives meanwhile waits at its end. */
        private final Deque<Queued> backlog = new ArrayDeque<>();
        /** The backlog's messages sent on this login that the client has not answered yet (ack or any receipt). */
        private final java.util.Set<String> unanswered = new java.util.HashSet<>();
        private int window = PASSIVE_WINDOW;
        private int markerCount = -1;
        /** On a first login the marker waits for the phone's app-state key share as well. */
        private boolean markerHeld;
    }

    OfflineQueue(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("An offline queue holds at least one stanza");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Sends a stanza to a device now if it is connected and its queue has been delivered, else queues it.
     *
     * @throws IllegalStateException when the device's queue is full
     */
    void deliver(Jid device, Node stanza) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            var queued = new Queued(stanza.id(), stanza.description(), stanza.attributes().getString("type", null), clock.instant(), stanza);
            if (mailbox.connected != null && mailbox.connected.established()) {
                if (mailbox.backlog.isEmpty()) {
                    mailbox.unacked.put(key(queued.tag(), queued.id()), queued);
                    mailbox.connected.send(stanza);
                } else {
                    mailbox.backlog.addLast(queued);
                }
                return;
            }
            if (mailbox.pending.size() + mailbox.unacked.size() >= capacity) {
                throw new IllegalStateException("The offline queue of " + device + " is full (" + capacity + " stanzas)");
            }
            mailbox.pending.addLast(queued);
        }
    }

    /**
     * A device logged in on {@code session}: it is told what waits for it, which is then sent in order, paced
     * ({@link #PASSIVE_WINDOW}). The offline marker follows the last of it, or, when {@code markerLater}, also waits
     * for {@link #sendMarker} (on a first login, after the phone has shared its app-state key).
     */
    void onLogin(Link session, Jid device, boolean markerLater) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            var waiting = new ArrayList<Queued>();
            mailbox.unacked.values().forEach(queued -> waiting.add(fromOfflineStorage(queued)));
            mailbox.pending.forEach(queued -> waiting.add(fromOfflineStorage(queued)));
            mailbox.delivered.clear();
            mailbox.unacked.clear();
            mailbox.pending.clear();
            mailbox.backlog.clear();
            mailbox.unanswered.clear();
            mailbox.window = PASSIVE_WINDOW;
            mailbox.connected = session;
            if (!waiting.isEmpty()) {
                session.send(ServerNodes.offlinePreview(waiting));
                LOG.info(() -> "Delivering " + waiting.size() + " offline stanzas to " + device);
            }
            mailbox.backlog.addAll(waiting);
            mailbox.markerCount = waiting.size();
            mailbox.markerHeld = markerLater;
            sendBacklog(mailbox);
        }
    }

    private static Queued fromOfflineStorage(Queued queued) {
        return new Queued(queued.id(), queued.tag(), queued.type(), queued.queuedAt(), ServerNodes.fromOfflineStorage(queued.node()));
    }

    /** The client asks for {@code count} more of its backlog at once ({@code <ib><offline_batch count/></ib>}). */
    void onBatchRequest(Link session, Jid device, int count) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            if (mailbox.connected == session && count > 0) {
                mailbox.window = Math.max(mailbox.window, count);
                sendBacklog(mailbox);
            }
        }
    }

    /** Sends the backlog's next stanzas while fewer than the window's messages are out unanswered; the marker after it. */
    private static void sendBacklog(Mailbox mailbox) {
        while (!mailbox.backlog.isEmpty() && mailbox.unanswered.size() < mailbox.window) {
            var queued = mailbox.backlog.pollFirst();
            var key = key(queued.tag(), queued.id());
            mailbox.unacked.put(key, queued);
            if (queued.tag().equals("message")) {
                mailbox.unanswered.add(key);
            }
            mailbox.connected.send(queued.node());
        }
        sendMarkerWhenDue(mailbox);
    }

    /** Sends the {@code offline} marker of this login, once, when its backlog is out and nothing else holds it. */
    void sendMarker(Link session, Jid device) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            if (mailbox.connected == session) {
                mailbox.markerHeld = false;
                sendMarkerWhenDue(mailbox);
            }
        }
    }

    private static void sendMarkerWhenDue(Mailbox mailbox) {
        if (mailbox.markerCount >= 0 && !mailbox.markerHeld && mailbox.backlog.isEmpty()) {
            mailbox.connected.send(ServerNodes.offlineMarker(mailbox.markerCount));
            mailbox.markerCount = -1;
        }
    }

    /** The client acked a stanza: it is delivered for good. */
    void onAck(Jid device, Node ack) {
        forget(device, ack.attributes().getString("class", ""), List.of(ack.id()));
    }

    /**
     * The client sent a receipt for messages it got: they are delivered for good. A {@code retry} receipt says the
     * opposite (it could not decrypt one), so it forgets nothing.
     */
    void onReceipt(Jid device, Node receipt) {
        var ids = new ArrayList<String>();
        ids.add(receipt.id());
        receipt.findChild("list").ifPresent(list -> list.listChildren("item")
                .forEach(item -> ids.add(item.attributes().getString("id", ""))));
        if ("retry".equals(receipt.attributes().getString("type", ""))) {
            answered(device, ids); // the message comes again: the backlog moves on meanwhile
            return;
        }
        forget(device, "message", ids);
    }

    /** The device's next login gets the messages it did not acknowledge undecryptable (fault {@code undecryptable-redelivery}). */
    void breakNextRedelivery(Jid device) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            mailbox.unacked.replaceAll((key, queued) -> queued.tag().equals("message") ? undecryptable(queued) : queued);
            var pending = new ArrayList<>(mailbox.pending);
            mailbox.pending.clear();
            pending.forEach(queued -> mailbox.pending.addLast(queued.tag().equals("message")
                    && mailbox.delivered.contains(key(queued.tag(), queued.id())) ? undecryptable(queued) : queued));
        }
    }

    private static Queued undecryptable(Queued message) {
        return new Queued(message.id(), message.tag(), message.type(), message.queuedAt(), ServerNodes.withBrokenMac(message.node()));
    }

    /** From now on, what acknowledges a message on the device's current connection is lost (fault {@code lose-acks}). */
    void loseMessageAcks(Jid device) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            mailbox.losesMessageAcks = mailbox.connected;
        }
    }

    private void forget(Jid device, String tag, List<String> ids) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            if (tag.equals("message") && mailbox.losesMessageAcks != null && mailbox.losesMessageAcks == mailbox.connected) {
                return;
            }
            ids.forEach(id -> mailbox.unacked.remove(key(tag, id)));
            answered(mailbox, tag, ids);
        }
    }

    private void answered(Jid device, List<String> messageIds) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            answered(mailbox, "message", messageIds);
        }
    }

    private static void answered(Mailbox mailbox, String tag, List<String> ids) {
        if (ids.stream().map(id -> key(tag, id)).filter(mailbox.unanswered::remove).count() > 0 && mailbox.connected != null) {
            sendBacklog(mailbox);
        }
    }

    /** The connection closed: what it got without acking waits for the next login, ahead of the rest. */
    void onClosed(Link session, Jid device) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            if (mailbox.connected != session) {
                return;
            }
            mailbox.connected = null;
            mailbox.markerCount = -1;
            mailbox.unanswered.clear();
            while (!mailbox.backlog.isEmpty()) {
                mailbox.pending.addFirst(mailbox.backlog.pollLast());
            }
            var unacked = new ArrayList<>(mailbox.unacked.values());
            mailbox.unacked.clear();
            for (var index = unacked.size() - 1; index >= 0; index--) {
                mailbox.pending.addFirst(unacked.get(index));
                mailbox.delivered.add(key(unacked.get(index).tag(), unacked.get(index).id()));
            }
        }
    }

    /** What waits for a device: never delivered, or delivered to a connection that closed before acking it. */
    public List<Queued> pending(Jid device) {
        var mailbox = mailbox(device);
        synchronized (mailbox) {
            var result = new ArrayList<Queued>();
            if (mailbox.connected == null) {
                result.addAll(mailbox.unacked.values());
            }
            result.addAll(mailbox.backlog);
            result.addAll(mailbox.pending);
            return result;
        }
    }

    private Mailbox mailbox(Jid device) {
        return mailboxes.computeIfAbsent(device, ignored -> new Mailbox());
    }

    private static String key(String tag, String id) {
        return tag + "/" + id;
    }
}
