package io.kubezap.simulator.stream;

import io.kubezap.simulator.group.Groups;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneMessage;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * WhatsApp's word that an account's device list changed ({@code <notification type="devices">}): a client caches each
 * user's devices and sends only to those, so without it a device added later gets nothing until the cache expires.
 * Sent when a companion links or logs out (or the phone unlinks it) and when the account gets a device the simulator
 * runs, to the linked companions of the account itself and of its peers (who share a group with it or have a chat with
 * it), now or at their next login; {@code <remove>} names the device gone as {@code <add>} names the new one. The shape, read from whatsmeow's {@code handleDeviceNotification}, Baileys 7's
 * {@code handleDevicesNotification} and whatsapp-rust's parser of WhatsApp Web's: {@code from} the account's number,
 * {@code lid} its LID, one {@code <add>} naming the device by both ({@code jid}, {@code lid}, {@code key-index}), the
 * hash of the whole new list in each addressing ({@code device_hash}, {@code device_lid_hash}) and the account's
 * signed key index list ({@code key-index-list}).
 */
final class DeviceListNotices {
    private final PhoneDirectory phones;
    private final Groups groups;
    private final OfflineQueue offline;
    private final Clock clock;

    DeviceListNotices(PhoneDirectory phones, Groups groups, OfflineQueue offline, Clock clock) {
        this.phones = phones;
        this.groups = groups;
        this.offline = offline;
        this.clock = clock;
    }

    /**
     * {@code phone}'s account got device {@code deviceId} (a companion it linked, or a device the simulator runs): everyone
     * who may write to it is told, but the new device itself.
     */
    void added(SimulatedPhone phone, int deviceId) {
        tell(phone, deviceId, change("add", phone, deviceId));
    }

    /** {@code phone}'s account lost device {@code deviceId} (it logged out, or the phone unlinked it): everyone is told. */
    void removed(SimulatedPhone phone, int deviceId) {
        tell(phone, deviceId, change("remove", phone, deviceId));
    }

    private void tell(SimulatedPhone phone, int deviceId, Node notification) {
        var changed = Jid.of(phone.number(), JidServer.whatsapp(), deviceId, 0);
        peers(phone).stream().map(phones::find).flatMap(java.util.Optional::stream)
                .flatMap(peer -> peer.devices().stream())
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .map(LinkedDevice::jid)
                .filter(device -> !device.equals(changed))
                .forEach(device -> offline.deliver(device, notification));
    }

    /** The account itself, the members of its groups and those it has a chat with. */
    private Set<String> peers(SimulatedPhone phone) {
        var peers = new LinkedHashSet<String>();
        peers.add(phone.number());
        groups.participating(phone.number()).stream().map(groups::members).forEach(peers::addAll);
        phone.messages().stream().map(PhoneMessage::peer)
                .filter(peer -> !JidServer.groupOrCommunity().equals(peer.server()))
                .map(peer -> phones.find(peer).map(SimulatedPhone::number).orElse(null))
                .filter(java.util.Objects::nonNull)
                .forEach(peers::add);
        return peers;
    }

    /**
     * {@code <add>} or {@code <remove>} naming the device, with the hashes of the list as it is now and the account's
     * signed key index list. One account hiding its number is named by its LID only.
     */
    private Node change(String tag, SimulatedPhone phone, int deviceId) {
        var now = clock.instant();
        var devices = phone.deviceIds();
        var byLidOnly = phone.hidesNumber();
        var account = byLidOnly ? phone.lid() : phone.jid();
        var device = ServerNodes.attributes("jid", device(account, deviceId));
        if (tag.equals("add")) {
            device.put("key-index", deviceId);
        }
        var change = ServerNodes.attributes("device_hash", hash(account, devices));
        var notification = ServerNodes.attributes("from", account, "type", "devices", "id", ServerNodes.newId(),
                "t", now.getEpochSecond());
        if (!byLidOnly) {
            device.put("lid", device(phone.lid(), deviceId));
            change.put("device_lid_hash", hash(phone.lid(), devices));
            notification.put("lid", phone.lid());
        }
        return Node.of("notification", notification, Node.of(tag, change, Node.of("device", device),
                Node.of("key-index-list", ServerNodes.attributes("ts", now.getEpochSecond()), phone.signedKeyIndexList(now))));
    }

    private static Jid device(Jid account, int deviceId) {
        return Jid.of(account.user(), account.server(), deviceId, 0);
    }

    /**
     * A device list's hash as clients compare it with their cached list: {@code 2:} and the first 6 bytes of the SHA-256
     * of the devices' {@code user.agent:device@server} forms, sorted and joined, in base64 without padding.
     */
    static String hash(Jid account, List<Integer> deviceIds) {
        var joined = deviceIds.stream().map(id -> account.user() + ".0:" + id + "@" + account.server().address())
                .sorted().reduce("", String::concat);
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return "2:" + Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
