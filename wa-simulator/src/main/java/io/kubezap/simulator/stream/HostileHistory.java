package io.kubezap.simulator.stream;

import io.kubezap.simulator.history.HistorySyncBootstrap;
import io.kubezap.simulator.history.PastChat;
import io.kubezap.simulator.history.PastMessage;
import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * History syncs a WhatsApp client must not take as they come: a contact (not the account's own phone) sending a
 * {@code historySyncNotification} that names a blob of invented conversations, and the account's own phone sending a
 * blob that inflates far beyond its size. The real server relays both unseen (they are end-to-end encrypted); the
 * companion alone decides what to make of them.
 */
public final class HostileHistory {
    private static final String HISTORY_KEYS = "WhatsApp History Keys";
    /** A chat of a third person that the invented history claims the account had. */
    private static final Jid CLAIMED_CHAT = Jid.of("5511977770049@s.whatsapp.net");

    /** What the control API asks for: whom the contact writes to; how far the phone's blob inflates. */
    public record Forgery(String to) {
    }

    public record Bomb(Long inflatedBytes) {
    }

    /** What was sent: the WhatsApp ids of the messages carrying it, the chat it names, the text of its one message. */
    public record Sent(List<String> ids, String chatJid, String text) {
    }

    private final PhoneDirectory phones;
    private final Directory directory;
    private final MessageRelay messages;
    private final MediaHost mediaHost;
    private final Clock clock;

    HostileHistory(PhoneDirectory phones, Directory directory, MessageRelay messages, MediaHost mediaHost, Clock clock) {
        this.phones = phones;
        this.directory = directory;
        this.messages = messages;
        this.mediaHost = mediaHost;
        this.clock = clock;
    }

    /** The contact {@code contactNumber} sends {@code forgery.to()} a history sync notification of its own making. */
    public Sent forgedByContact(String contactNumber, Forgery forgery) {
        phone(contactNumber);
        var text = "forged history from " + contactNumber + " " + UUID.randomUUID();
        var chat = claimedChat(text);
        var deflated = HistorySyncBootstrap.historySync(HistorySyncBootstrap.RECENT,
                List.of(new HistorySyncBootstrap.Slice(chat, chat.messages())), 0, HistorySyncBootstrap.COMPLETE, null, null, null);
        var id = messages.sendContent(contactNumber, forgery.to(), notification(deflated), MessageLabels.text());
        return new Sent(List.of(id), CLAIMED_CHAT.toString(), text);
    }

    /** The phone {@code number} sends each of its linked companions a history blob that inflates to more than asked. */
    public Sent bombFromPhone(String number, Bomb bomb) {
        var phone = phone(number);
        if (bomb.inflatedBytes() == null || bomb.inflatedBytes() < 1) {
            throw new IllegalArgumentException("inflatedBytes (at least 1) is required");
        }
        var text = "history bomb from " + number + " " + UUID.randomUUID();
        var chat = claimedChat(text);
        var deflated = HistorySyncBootstrap.inflatingBeyond(HistorySyncBootstrap.RECENT,
                List.of(new HistorySyncBootstrap.Slice(chat, chat.messages())), bomb.inflatedBytes());
        var notification = notification(deflated);
        var ids = phone.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED && directory.preKeysOf(device.jid()).isPresent())
                .map(LinkedDevice::jid)
                .map(device -> messages.sendToOwnCompanion(phone, device, notification))
                .toList();
        return new Sent(ids, CLAIMED_CHAT.toString(), text);
    }

    private PastChat claimedChat(String text) {
        var message = new PastMessage(UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(), true,
                clock.instant().minusSeconds(3600), new ProtobufWriter().string(1, text).toByteArray(), "text", text);
        return new PastChat(CLAIMED_CHAT, "Claimed", List.of(message), 0, false, 0, 0);
    }

    private byte[] notification(byte[] deflated) {
        var encrypted = MediaCipher.encrypt(deflated, HISTORY_KEYS);
        var upload = mediaHost.storeHistorySync(encrypted.blob());
        var blob = new HistorySyncBootstrap.Blob(encrypted.fileSha256(), encrypted.fileLength(), encrypted.mediaKey(),
                encrypted.fileEncSha256(), upload.directPath());
        return HistorySyncBootstrap.notification(blob, HistorySyncBootstrap.RECENT, 0, HistorySyncBootstrap.COMPLETE,
                clock.instant().minusSeconds(3600).getEpochSecond(), null);
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }
}
