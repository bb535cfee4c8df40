package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.model.chat.ChatParticipant;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.signal.sender.SenderKeyName;
import it.auties.whatsapp.model.signal.sender.SenderPreKeys;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Keeps the session's sender key in a group fit for who is in it at each post. Cobalt 0.0.10 answers group membership
 * and device lists from caches it never refreshes (a member added later, one who came back, or a member's new device
 * never gets the key and cannot read the session) and never renews its own sender key (one who left could read what
 * follows with the key it kept). Before each post this re-reads the membership ({@code w:g2}) and every member's devices
 * ({@code usync}) into those caches, so that Cobalt sends its key to every device that lacks it; when a device that was
 * given the key is no longer among them, it drops the key and the list of who has it, so that Cobalt makes a new key and
 * gives it to every device now in the group. The check runs against that list, which the key store keeps, so a renewal
 * that a kill interrupted happens at the next post: no notification has to be caught.
 */
final class GroupSenderKeys {

    private static final MethodHandle METADATA_CACHE;
    private static final MethodHandle MESSAGE_HANDLER;
    private static final MethodHandle DEVICES_CACHE;
    private static final MethodHandle QUERY_DEVICES;
    private static final MethodHandle SENDER_KEYS;
    private static final MethodHandle KEY_RECIPIENTS;

    static {
        try {
            var socket = Whatsapp.class.getDeclaredField("socketHandler").getType();
            var messages = socket.getDeclaredField("messageHandler").getType();
            METADATA_CACHE = getter(socket, "chatMetadataCache");
            MESSAGE_HANDLER = getter(socket, "messageHandler");
            DEVICES_CACHE = getter(messages, "devicesCache");
            // found by name and type alone: listing the class's methods would load every type they name, and one of
            // them (ServerMessage) is replaced by this application, which Quarkus's test class loader cannot resolve from there
            QUERY_DEVICES = MethodHandles.privateLookupIn(messages, MethodHandles.lookup()).findVirtual(messages, "queryDevices",
                    MethodType.methodType(CompletableFuture.class, Collection.class, boolean.class));
            SENDER_KEYS = getter(Keys.class, "senderKeys");
            KEY_RECIPIENTS = getter(Keys.class, "groupsPreKeys");
        } catch (ReflectiveOperationException changed) {
            throw new ExceptionInInitializerError("Cobalt's group caches are not where 0.0.10 keeps them: " + changed);
        }
    }

    /** The domain byte of a LID device JID on WhatsApp's wire, which Cobalt 0.0.10 keeps in {@code Jid.agent}. */
    static final int LID_DOMAIN = 1;

    private CompletableFuture<?> previous = CompletableFuture.completedFuture(null);

    /**
     * Runs {@code post} once membership, devices and the sender key of {@code group} are fresh. Posts to groups run one
     * after another: Cobalt's device cache appends what concurrent queries answer.
     */
    synchronized <T> CompletableFuture<T> post(Whatsapp client, Jid group, Supplier<CompletableFuture<T>> post) {
        var next = previous.handle((ignored, failure) -> null)
                .thenCompose(ignored -> refresh(client, group))
                .thenCompose(ignored -> post.get());
        previous = next;
        return next;
    }

    /** Cobalt's cache of each user's devices (user JID → device JIDs), which it sends to without asking WhatsApp again. */
    @SuppressWarnings("unchecked")
    static Map<Jid, ?> devicesCache(Whatsapp client) {
        return call(DEVICES_CACHE, call(MESSAGE_HANDLER, RawNodes.socketHandler(client), Object.class), Map.class);
    }

    private static CompletableFuture<Void> refresh(Whatsapp client, Jid group) {
        var socket = RawNodes.socketHandler(client);
        call(METADATA_CACHE, socket, Map.class).remove(group);
        return client.queryGroupMetadata(group).thenCompose(metadata -> {
            var members = metadata.participants().stream().map(ChatParticipant::jid).toList();
            var messages = call(MESSAGE_HANDLER, socket, Object.class);
            var devices = call(DEVICES_CACHE, messages, Map.class);
            members.forEach(member -> {
                devices.remove(member);
                devices.remove(member.toSimpleJid());
            });
            return queryDevices(messages, members).thenApply(found -> inLidDomain(devices, found));
        }).thenAccept(devices -> renewIfOneLeft(client.keys(), client.store().jid().orElseThrow(), group, devices));
    }

    /** {@code lid}'s devices in Cobalt's cache as WhatsApp's wire names them ({@link #inLidDomain}), asked of usync when not cached. */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Void> cacheLidDevices(Whatsapp client, Jid lid) {
        var messages = call(MESSAGE_HANDLER, RawNodes.socketHandler(client), Object.class);
        var devices = call(DEVICES_CACHE, messages, Map.class);
        var cached = (List<Jid>) devices.get(lid);
        var found = cached != null ? CompletableFuture.completedFuture(List.copyOf(cached)) : queryDevices(messages, List.of(lid));
        return found.thenAccept(all -> inLidDomain(devices, all));
    }

    /**
     * The member devices with each LID companion ({@code <lid>:<device>@lid}) as WhatsApp's wire names it, put back in
     * Cobalt's device cache. WhatsApp writes a device JID as its domain byte ({@code 0} a number, {@code 1} a LID), the
     * device and the user; Cobalt 0.0.10 writes that byte from the JID's {@code agent} and never from its server, so a LID
     * device with agent 0 goes out as a phone number: the key request for it fails and Cobalt cannot post to a
     * LID-addressed group ("Missing session for …"). With agent 1 it goes out, and comes back, as the LID device it is.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Jid> inLidDomain(Map devicesCache, List<Jid> devices) {
        var named = devices.stream().map(GroupSenderKeys::lidDomain).toList();
        named.stream().filter(device -> device.hasServer(JidServer.lid())).map(Jid::toSimpleJid).distinct().forEach(user ->
                devicesCache.put(user, new CopyOnWriteArrayList<>(named.stream().filter(device -> device.toSimpleJid().equals(user)).toList())));
        return named;
    }

    private static Jid lidDomain(Jid device) {
        return device.hasServer(JidServer.lid()) && device.device() != 0 && device.agent() != LID_DOMAIN
                ? Jid.of(device.user(), JidServer.lid(), device.device(), LID_DOMAIN) : device;
    }

    /**
     * Drops {@code self}'s sender key in {@code group}, and the list of devices that were given it, when one of those
     * is not among {@code devices} (the group's devices now).
     *
     * @return whether it did
     */
    static boolean renewIfOneLeft(Keys keys, Jid self, Jid group, Collection<Jid> devices) {
        @SuppressWarnings("unchecked")
        var recipients = (Map<Jid, SenderPreKeys>) call(KEY_RECIPIENTS, keys, Map.class);
        var given = recipients.get(group);
        if (given == null || new HashSet<>(devices).containsAll(given.preKeys())) {
            return false;
        }
        call(SENDER_KEYS, keys, Map.class).remove(new SenderKeyName(group.toString(), self.toSignalAddress()));
        recipients.remove(group);
        return true;
    }

    /** The users whose devices were given the session's sender key in {@code group} (or a status audience), empty when none is kept. */
    @SuppressWarnings("unchecked")
    static Set<String> keyRecipientUsers(Keys keys, Jid group) {
        var given = ((Map<Jid, SenderPreKeys>) call(KEY_RECIPIENTS, keys, Map.class)).get(group);
        return given == null ? Set.of() : given.preKeys().stream().map(Jid::user).collect(Collectors.toUnmodifiableSet());
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<List<Jid>> queryDevices(Object messages, List<Jid> members) {
        try {
            return (CompletableFuture<List<Jid>>) QUERY_DEVICES.invoke(messages, members, false);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private static MethodHandle getter(Class<?> owner, String field) throws ReflectiveOperationException {
        var declared = owner.getDeclaredField(field);
        declared.setAccessible(true);
        return MethodHandles.lookup().unreflectGetter(declared);
    }

    private static <T> T call(MethodHandle getter, Object target, Class<T> type) {
        try {
            return type.cast(getter.invoke(target));
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }
}
