package io.kubezap.simulator.stream;

import io.kubezap.simulator.group.Group;
import io.kubezap.simulator.group.GroupException;
import io.kubezap.simulator.group.Groups;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import io.kubezap.simulator.signal.TextMessage;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Group messages as WhatsApp fans them out: the sender encrypts once with its sender key ({@code skmsg}) and sends
 * each member device that lacks that key a pairwise-encrypted distribution message; the server hands every member
 * device the message from the group, {@code participant} naming the sender.
 */
public final class GroupMessages {
    private static final Logger LOG = Logger.getLogger(GroupMessages.class.getName());
    /** The error of the server's ack refusing a message the sender may not post (whatsmeow: "server returned error 403"). */
    static final String ADMINS_ONLY = "403";

    private final PhoneDirectory phones;
    private final Groups groups;
    private final Directory directory;
    private final OfflineQueue offline;
    private final Clock clock;
    private final MediaHost mediaHost;

    GroupMessages(PhoneDirectory phones, Groups groups, Directory directory, OfflineQueue offline, Clock clock, MediaHost mediaHost) {
        this.phones = phones;
        this.groups = groups;
        this.directory = directory;
        this.offline = offline;
        this.clock = clock;
        this.mediaHost = mediaHost;
    }

    /**
     * A phone posts a text in a group: every other member phone shows it, and every linked companion of the other
     * members gets it, encrypted with the phone's sender key.
     *
     * @return the message id
     * @throws GroupException 404 when there is no such group, 401 when the phone is not in it, 403 when only admins may post
     */
    public String postText(String fromNumber, String groupId, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("A text message needs a text");
        }
        return post(phone(fromNumber), group(groupId), new ProtobufWriter().string(1, text).toByteArray(), "text");
    }

    /**
     * A phone reacts to a message of the group (an empty emoji removes its reaction), fanned out as any group message.
     *
     * @return the reaction's message id
     * @throws NoSuchElementException when the phone has no such message
     * @throws IllegalArgumentException when the message is not in that group
     */
    public String react(String fromNumber, String groupId, String messageId, String emoji) {
        var sender = phone(fromNumber);
        var group = group(groupId);
        if (!sender.chatOf(messageId).toString().equals(group.jid())) {
            throw new IllegalArgumentException("Message " + messageId + " is not in " + group.jid());
        }
        return post(sender, group, sender.react(messageId, emoji).message(), "reaction");
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }

    private Group group(String groupId) {
        return groups.find(groupId).orElseThrow(() -> new GroupException(404, "No group " + groupId));
    }

    private String post(SimulatedPhone sender, Group group, byte[] message, String type) {
        var fromNumber = sender.number();
        var role = group.role(fromNumber).orElseThrow(() -> new GroupException(401, fromNumber + " is not a participant of " + group.jid()));
        if (group.announce() && !role.isAdmin()) {
            throw new GroupException(403, "Only admins may post in " + group.jid());
        }
        return fanOut(sender, Jid.of(group.jid()), groups.members(group), message, type);
    }

    /**
     * A phone's message to the accounts {@code numbers} (a group's members, or a status's audience) under {@code chat}:
     * each of their phones shows it, each of their linked companions gets it encrypted with the sender's key for
     * {@code chat}, preceded by that key when the device lacks it.
     *
     * @return the message id
     */
    String fanOut(SimulatedPhone sender, Jid chat, Collection<String> numbers, byte[] message, String type) {
        var id = ServerNodes.newMessageId();
        var now = clock.instant();
        // the key as it was before this message: a device that gets it with the message must be able to decrypt that
        var distribution = sender.ownSenderKey(chat).distributionMessage();
        var senderKeyMessage = sender.ownSenderKey(chat).encrypt(TextMessage.padded(message));
        for (var number : numbers) {
            if (number.equals(sender.number())) {
                continue;
            }
            phones.find(number).ifPresent(member -> {
                member.receiveFromPhoneInGroup(id, chat, sender.jid(), message, now);
                companions(member).forEach(device -> offline.deliver(device,
                        fannedOut(sender, chat, device, id, type, now, distribution, senderKeyMessage)));
            });
        }
        var recipients = new java.util.HashSet<>(numbers);
        recipients.remove(sender.number());
        sender.recordSent(id, chat, recipients, message, now);
        return id;
    }

    /** The message one member device gets: the sender's key first if it lacks it, then the group message. */
    private Node fannedOut(SimulatedPhone sender, Jid groupJid, Jid device, String id, String type, Instant now, byte[] distribution,
                           byte[] senderKeyMessage) {
        var encs = new ArrayList<Node>();
        if (sender.markSenderKeySent(groupJid, device)) {
            var keyMessage = new ProtobufWriter().message(2, new ProtobufWriter().string(1, groupJid.toString())
                    .bytes(2, distribution)).toByteArray();
            // in a LID-addressed group the key comes in the sender's LID session, as its messages come from its LID
            var pairwise = sender.encryptFor(device, lidAddressed(groupJid), () -> directory.preKeysOf(device).orElseThrow(),
                    TextMessage.padded(keyMessage));
            encs.add(Node.of("enc", ServerNodes.attributes("v", "2", "type", pairwise.type()), pairwise.serialized()));
        }
        encs.add(Node.of("enc", ServerNodes.attributes("v", "2", "type", "skmsg"), senderKeyMessage));
        var attributes = ServerNodes.attributes("id", id, "from", groupJid, "participant", senderAddress(sender, groupJid), "type", type,
                "t", now.getEpochSecond(), "notify", sender.pushName());
        if (lidAddressed(groupJid)) {
            attributes.put("addressing_mode", "lid");
            attributes.put("participant_pn", sender.jid());
        }
        return Node.of("message", attributes, encs);
    }

    private boolean lidAddressed(Jid chat) {
        return groups.find(chat.user()).map(Group::lidAddressed).orElse(false);
    }

    /** The sender as the group names it: its LID in a LID-addressed group, else its number. */
    private Jid senderAddress(SimulatedPhone sender, Jid chat) {
        return lidAddressed(chat) ? sender.lid() : sender.jid();
    }

    private List<Jid> companions(SimulatedPhone phone) {
        return phone.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED && directory.preKeysOf(device.jid()).isPresent())
                .map(LinkedDevice::jid)
                .toList();
    }

    /**
     * A companion's {@code message} to a group: member devices the simulator runs (phones and their simulated devices)
     * take the sender keys distributed to them in {@code participants}, then decrypt the {@code skmsg}; a device that
     * cannot (its distribution or the {@code skmsg} does not decrypt) asks the sender again with a retry receipt, as
     * WhatsApp's clients do, and reads the resend. Former members try it with the keys they kept
     * ({@link SimulatedPhone#overhear}); the server acks it. In a group where only admins send, a member that is not an
     * admin is refused as WhatsApp refuses it: {@code <ack class="message" error="403">}, and nobody gets the message.
     */
    void onClientMessage(ChatSession session, Node message, Jid groupJid) {
        var sender = session.deviceJid().orElseThrow();
        var now = clock.instant();
        var group = groups.find(groupJid.user());
        if (group.isPresent() && onlyAdminsMaySend(group.get(), sender.user())) {
            session.answer(ServerNodes.messageNack(message.id(), groupJid, ADMINS_ONLY, now));
            return;
        }
        var undecryptable = takeDistributions(message, sender, now);
        var senderKeyMessage = senderKeyMessage(message);
        if (group.isPresent() && senderKeyMessage.isPresent()) {
            for (var number : groups.members(group.get())) {
                if (number.equals(sender.user())) {
                    continue;
                }
                phones.find(number).ifPresent(member -> member.simulatedAccountDeviceIds().forEach(deviceId -> {
                    var device = member.simulatedDevice(deviceId).orElseThrow();
                    // as whatsmeow does, a message whose key did not come through is not tried with an older key
                    var failure = Optional.ofNullable(undecryptable.get(device))
                            .or(() -> decrypt(device, message.id(), groupJid, sender, senderKeyMessage.get(), now));
                    failure.ifPresent(reason -> askAgain(device, memberDevice(member, deviceId, groupJid), sender, message.id(), groupJid, reason));
                }));
            }
            groups.formerMembers(group.get()).stream()
                    .map(phones::find).flatMap(Optional::stream)
                    .forEach(phone -> phone.overhear(message.id(), groupJid, sender, senderKeyMessage.get(), now));
        }
        session.answer(ServerNodes.messageAck(message.id(), groupJid, now));
    }

    /** A member that is not an admin, in a group where only admins send ({@code announce}). */
    private static boolean onlyAdminsMaySend(Group group, String number) {
        return group.announce() && group.role(number).map(role -> !role.isAdmin()).orElse(false);
    }

    /** The retry receipt of a member device that could not decrypt a companion's group message, to that companion. */
    private void askAgain(SimulatedPhone device, Jid deviceAddress, Jid sender, String id, Jid group, String reason) {
        var now = clock.instant();
        device.decryptFailed(id, sender, reason, now).ifPresent(count ->
                offline.deliver(sender, ServerNodes.groupRetryReceipt(id, group, deviceAddress, count, now, device.publishedKeys())));
    }

    /** A member's device as the group names it: by its LID in a LID-addressed group, else by its number. */
    private Jid memberDevice(SimulatedPhone member, int deviceId, Jid group) {
        var user = lidAddressed(group) ? member.lid() : member.jid();
        return deviceId == 0 ? user : Jid.of(user.user(), user.server(), deviceId, 0);
    }

    /** The {@code skmsg} of a companion's message: what it encrypted once, with its sender key, for every recipient. */
    static Optional<byte[]> senderKeyMessage(Node message) {
        return message.listChildren("enc").stream()
                .filter(enc -> "skmsg".equals(enc.attributes().getString("type", ""))).findFirst()
                .flatMap(Node::contentAsBytes);
    }

    /**
     * Devices the simulator runs take the sender keys a companion's message distributes to them in {@code participants}.
     *
     * @return the devices whose distribution did not decrypt, with why
     */
    Map<SimulatedPhone, String> takeDistributions(Node message, Jid sender, Instant now) {
        var undecryptable = new IdentityHashMap<SimulatedPhone, String>();
        message.findChild("participants").map(participants -> participants.listChildren("to")).orElse(List.of())
                .forEach(recipient -> takeDistribution(message.id(), sender, recipient, now)
                        .ifPresent(failure -> undecryptable.put(failure.getKey(), failure.getValue())));
        return undecryptable;
    }

    private Optional<Map.Entry<SimulatedPhone, String>> takeDistribution(String id, Jid sender, Node recipient, Instant now) {
        var device = recipient.attributes().getOptionalJid("jid");
        var enc = recipient.findChild("enc");
        // a member device is addressed by number, or by LID in a LID-addressed group
        var phone = device.flatMap(jid -> phones.find(jid).flatMap(owner -> owner.simulatedDevice(jid.device())));
        if (phone.isEmpty() || enc.isEmpty() || enc.get().contentAsBytes().isEmpty()) {
            return Optional.empty();
        }
        try {
            phone.get().receive(id, sender, device.get(), enc.get().attributes().getString("type", ""), enc.get().contentAsBytes().get(),
                    false, now, mediaHost);
            return Optional.empty();
        } catch (IllegalArgumentException exception) {
            LOG.warning(() -> phone.get().number() + " cannot decrypt the sender key in " + id + " from " + sender + ": " + exception.getMessage());
            return Optional.of(Map.entry(phone.get(), exception.getMessage()));
        }
    }

    /** @return why it did not decrypt, empty when it did */
    Optional<String> decrypt(SimulatedPhone phone, String id, Jid chat, Jid sender, byte[] senderKeyMessage, Instant now) {
        try {
            phone.receiveInGroup(id, chat, sender, senderKeyMessage, now, mediaHost);
            return Optional.empty();
        } catch (IllegalArgumentException exception) {
            LOG.warning(() -> phone.number() + " cannot decrypt message " + id + " in " + chat + " from " + sender
                    + ": " + exception.getMessage());
            return Optional.of(exception.getMessage());
        }
    }
}
