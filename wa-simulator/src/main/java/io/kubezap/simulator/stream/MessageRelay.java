package io.kubezap.simulator.stream;

import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.OutgoingMedia;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.signal.SignalSession;
import io.kubezap.simulator.signal.TextMessage;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/** Messages between simulated phones and companions: texts and receipts from phones, {@code message}s from companions. */
public final class MessageRelay {
    private static final Logger LOG = Logger.getLogger(MessageRelay.class.getName());

    private final PhoneDirectory phones;
    private final Directory directory;
    private final OfflineQueue offline;
    private final Clock clock;
    private final MediaHost mediaHost;

    private final BlockLists blockLists;
    private final PhoneResends resends = new PhoneResends();
    private final ReceiptRouting receiptRouting;

    private final HistorySender history;
    private final PrivacyTokens privacyTokens;

    MessageRelay(PhoneDirectory phones, Directory directory, OfflineQueue offline, Clock clock, MediaHost mediaHost,
                 BlockLists blockLists, HistorySender history, PrivacyTokens privacyTokens) {
        this.history = history;
        this.privacyTokens = privacyTokens;
        this.blockLists = blockLists;
        this.phones = phones;
        this.mediaHost = mediaHost;
        this.directory = directory;
        this.offline = offline;
        this.clock = clock;
        this.receiptRouting = new ReceiptRouting(phones);
    }

    /**
     * A phone sends a text to another account: every linked companion of that account gets it,
     * Signal-encrypted from the sending phone, now or (if not connected) at its next login.
     *
     * @return the message id
     * @throws NoSuchElementException when either phone does not exist
     * @throws IllegalStateException when a queue is full
     */
    public String sendText(String fromNumber, String toNumber, String text, String quotedMessageId) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("A text message needs a text");
        }
        var sender = phone(fromNumber);
        int timer = sender.disappearing().forSending(toNumber + "@s.whatsapp.net");
        var message = quotedMessageId == null
                ? (timer > 0 ? MessageContents.expiringText(text, timer) : new ProtobufWriter().string(1, text).toByteArray())
                : TextMessage.reply(text, quote(sender, quotedMessageId).toProtobuf());
        return deliver(sender, toNumber, message, MessageLabels.text());
    }

    /**
     * A phone sends a location, contact cards or a poll ({@code message}: the {@code Message} protobuf) to another
     * account, labelled as WhatsApp labels that kind.
     *
     * @return the message id
     */
    public String sendContent(String fromNumber, String toNumber, byte[] message, MessageLabels labels) {
        return deliver(phone(fromNumber), toNumber, message, labels);
    }

    /**
     * The owner of a phone reacts to, edits, deletes or votes on a message of one of its chats: the update goes to the
     * chat's other account (and, as a copy, to the phone's own companions).
     *
     * @return the id of the message carrying the update
     */
    public String sendUpdate(String fromNumber, SimulatedPhone.Update update) {
        var labels = switch (update.content()) {
            case Content.Reaction ignored -> new MessageLabels("reaction", null, null);
            case Content.PollVote ignored -> new MessageLabels("poll", null, null);
            case Content.Edit ignored -> new MessageLabels("text", null, "1");
            case Content.Revoke ignored -> new MessageLabels("text", null, "7");
            // labelled as Baileys 7 labels an answer to an event (its stanza type for anything but the event itself)
            case Content.EventResponse ignored -> new MessageLabels("text", null, null);
            case Content.DisappearingSetting ignored -> new MessageLabels("text", null, null);
            default -> throw new IllegalArgumentException("not an update: " + update.content().type());
        };
        return deliver(phone(fromNumber), update.to().user(), update.message(), labels);
    }

    /**
     * A phone sends a file to another account, as a real phone does: encrypted with a fresh media
     * key, uploaded to the media host, then the message naming it sent Signal-encrypted to every
     * linked companion of the recipient, now or at its next login.
     *
     * @return the message id
     * @throws NoSuchElementException when either phone, or the quoted message, does not exist
     * @throws IllegalStateException when a queue is full
     */
    public String sendMedia(String fromNumber, String toNumber, OutgoingMedia media) {
        var sender = phone(fromNumber);
        phone(toNumber);
        return deliver(sender, toNumber, mediaMessage(sender, media), new MessageLabels("media", mediaTypeAttribute(media), null));
    }

    /** The ids of an album a phone sent: its first message's and its items', in order. */
    public record AlbumSent(String id, List<String> items) {
    }

    /**
     * A phone sends photos and videos as one album, as the apps group them: first the {@code albumMessage} saying how many
     * images and videos follow, then each file as its own media message associated to that first one
     * ({@code messageAssociation} of type {@code MEDIA_ALBUM}, with its index).
     */
    public AlbumSent sendAlbum(String fromNumber, String toNumber, List<OutgoingMedia> items) {
        if (items == null || items.size() < 2 || items.stream().anyMatch(item -> item.type() != io.kubezap.simulator.media.MediaType.IMAGE
                && item.type() != io.kubezap.simulator.media.MediaType.VIDEO)) {
            throw new IllegalArgumentException("An album is two or more images and videos");
        }
        var sender = phone(fromNumber);
        var recipient = phone(toNumber).jid().toString();
        int images = (int) items.stream().filter(item -> item.type() == io.kubezap.simulator.media.MediaType.IMAGE).count();
        var id = deliver(sender, toNumber, MessageContents.album(images, items.size() - images), new MessageLabels("media", null, null));
        var parent = new io.kubezap.simulator.content.MessageKey(recipient, true, id, null);
        var itemIds = new java.util.ArrayList<String>();
        for (int index = 0; index < items.size(); index++) {
            var item = items.get(index);
            var secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            var message = MessageContents.inAlbum(mediaMessage(sender, item), parent, index, secret);
            itemIds.add(deliver(sender, toNumber, message, new MessageLabels("media", mediaTypeAttribute(item), null)));
        }
        return new AlbumSent(id, List.copyOf(itemIds));
    }

    /** The ids of a photo or video a phone sent in HD: the standard copy's (the message the chat shows) and the original's. */
    public record HdSent(String id, String originalId) {
    }

    /**
     * A phone sends a photo or video in HD, as the apps do: {@code standard} as any photo or video, then {@code original}
     * in a message of its own ({@code associatedChildMessage}) associated to the first as {@code HD_IMAGE_DUAL_UPLOAD} or
     * {@code HD_VIDEO_DUAL_UPLOAD}.
     */
    public HdSent sendInHd(String fromNumber, String toNumber, OutgoingMedia standard, OutgoingMedia original) {
        var video = standard.type() == io.kubezap.simulator.media.MediaType.VIDEO;
        if (!video && standard.type() != io.kubezap.simulator.media.MediaType.IMAGE || original.type() != standard.type()) {
            throw new IllegalArgumentException("Only a photo or a video is sent in HD, the original of the same kind");
        }
        var id = sendMedia(fromNumber, toNumber, standard);
        var sender = phone(fromNumber);
        var parent = new io.kubezap.simulator.content.MessageKey(phone(toNumber).jid().toString(), true, id, null);
        var secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        var message = MessageContents.hdOriginal(mediaMessage(sender, original), parent, video, secret);
        return new HdSent(id, deliver(sender, toNumber, message, new MessageLabels("media", mediaTypeAttribute(original), null)));
    }

    /** The file encrypted with a fresh media key and uploaded to the media host; the {@code Message} that names it. */
    public byte[] mediaMessage(SimulatedPhone sender, OutgoingMedia media) {
        var quote = media.quotedMessageId() == null ? null : quote(sender, media.quotedMessageId());
        var encrypted = MediaCipher.encrypt(media.data(), media.type());
        var upload = mediaHost.store(media.type(), encrypted.blob());
        var locator = media.locator();
        var message = new MediaMessage(media.type(), locator.url(upload.url()), locator.directPath(upload.directPath()),
                encrypted.mediaKey(), encrypted.fileSha256(), encrypted.fileEncSha256(), locator.fileLength(encrypted.fileLength()), clock.instant().getEpochSecond(), media.effectiveMimeType(),
                media.caption(), media.fileName(), media.dimensions().seconds(), media.dimensions().width(), media.dimensions().height(),
                quote, media.dimensions().waveform(), media.dimensions().thumbnail()).toMessage();
        if (media.viewOnce()) {
            message = io.kubezap.simulator.content.Presentation.viewOnce(media.type(), message);
        }
        return message;
    }

    /** The {@code mediatype} a stanza carrying this media names. */
    static String mediaTypeAttribute(OutgoingMedia media) {
        return switch (media.type()) {
            case VOICE -> "ptt";
            case DOCUMENT -> "document";
            default -> media.type().id();
        };
    }

    private MediaMessage.Quote quote(SimulatedPhone sender, String messageId) {
        return sender.quote(messageId)
                .orElseThrow(() -> new NoSuchElementException(sender.number() + " has no message " + messageId + " to reply to"));
    }

    private String deliver(SimulatedPhone sender, String toNumber, byte[] message, MessageLabels labels) {
        var recipientPhone = phone(toNumber);
        // a blocked sender's message is accepted (one tick) and never delivered
        var targets = blockLists.blocks(toNumber, sender.number()) ? List.<Jid>of() : companions(toNumber);
        var id = ServerNodes.newMessageId();
        var now = clock.instant();
        if (!blockLists.blocks(toNumber, sender.number())) {
            recipientPhone.receiveFromPhone(id, sender.jid(), message, now);
        }
        for (var target : targets) {
            var plaintext = TextMessage.padded(message);
            var encrypted = encrypt(sender, target, plaintext);
            var stanza = ServerNodes.phoneMessage(id, sender.address(), sender.revealedNumber().orElse(null), null,
                    sender.pushName(), now, labels, encrypted.type(), encrypted.serialized(), sender.verifiedName().orElse(null));
            resends.remember(target, id, sender, plaintext, stanza);
            offline.deliver(target, stanza);
        }
        var recipient = recipientPhone.jid();
        copyToOwnCompanions(sender, recipient, id, message, labels, now);
        sender.recordSent(id, recipient, Set.of(recipientPhone.number()), message, now);
        privacyTokens.afterPhoneSend(sender, recipientPhone);
        return id;
    }

    /** What a phone sends reaches its own companions too, as a {@code deviceSentMessage} naming the chat. */
    private void copyToOwnCompanions(SimulatedPhone sender, Jid recipient, String id, byte[] message, MessageLabels labels,
                                     java.time.Instant now) {
        var copy = MessageContents.deviceSent(recipient.toString(), message);
        sender.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED && directory.preKeysOf(device.jid()).isPresent())
                .forEach(device -> {
                    var encrypted = encrypt(sender, device.jid(), TextMessage.padded(copy));
                    offline.deliver(device.jid(), ServerNodes.phoneMessage(id, sender.jid(), recipient, sender.pushName(), now,
                            labels, encrypted.type(), encrypted.serialized()));
                });
    }

    /** The recipient's linked companions that can be encrypted for (they published pre-keys). */
    private List<Jid> companions(String toNumber) {
        return phone(toNumber).devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED && directory.preKeysOf(device.jid()).isPresent())
                .map(LinkedDevice::jid)
                .toList();
    }

    /** A phone sends one of its own companions a {@code Message} (category {@code peer}), Signal-encrypted. */
    String sendToOwnCompanion(SimulatedPhone phone, Jid companionJid, byte[] message) {
        var encrypted = encrypt(phone, companionJid, TextMessage.padded(message));
        var id = ServerNodes.newMessageId();
        offline.deliver(companionJid, ServerNodes.peerMessage(id, phone.jid(), clock.instant(), encrypted.type(), encrypted.serialized()));
        return id;
    }

    private SignalSession.Encrypted encrypt(SimulatedPhone sender, Jid device, byte[] plaintext) {
        return sender.encryptFor(device, () -> directory.preKeysOf(device).orElseThrow(), plaintext);
    }

    /**
     * A phone reports that it received (or read, or played: {@code type} null, {@code read}, {@code played}) a message a
     * companion sent it: every linked companion of the sending account gets the receipt, now or at its next login.
     *
     * @throws NoSuchElementException when the phone or the message does not exist
     * @throws IllegalStateException when the sender has no linked companion left, or a queue is full
     */
    public void sendReceipt(String number, String messageId, String type) {
        var phone = phone(number);
        var message = phone.findReceived(messageId)
                .orElseThrow(() -> new NoSuchElementException(number + " received no message " + messageId));
        var targets = phones.find(message.fromDevice().user()).stream()
                .flatMap(sender -> sender.devices().stream())
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .map(LinkedDevice::jid)
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("No companion of " + message.fromDevice().user() + " is linked");
        }
        // in a group the receipt comes from the group, naming the member that got the message
        targets.forEach(device -> offline.deliver(device, message.group() == null
                ? ServerNodes.receipt(messageId, phone.address(), type, clock.instant())
                : ServerNodes.groupReceipt(messageId, message.group(), phone.jid(), type, clock.instant())));
    }

    /**
     * The phone's client sends a retry receipt of its own making for {@code messageId}, whether or not it received such
     * a message: the server relays a retry receipt {@code from} the device that sent it to the account it names and
     * checks nothing else (what a modified client can do to a sender). {@code to}'s linked companions get it.
     */
    public void sendRetryReceipt(String number, String messageId, String to) {
        var phone = phone(number);
        var targets = phone(to).devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .map(LinkedDevice::jid)
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("No companion of " + to + " is linked");
        }
        var now = clock.instant();
        targets.forEach(device -> offline.deliver(device, ServerNodes.retryReceipt(messageId, phone.jid(), 1, now, phone.publishedKeys())));
    }

    /**
     * A {@code receipt} a companion sends for messages it got (delivered — no type, or {@code inactive} from a device
     * its user is not active on —, read): the server acks it and the phone that sent them sees the ticks; a
     * {@code read-self} receipt (read receipts off) is acked and shows the sender nothing. As WhatsApp routes it: a
     * one-to-one receipt goes {@code to} the writer; in a group and for a status it goes {@code to} the group or
     * {@code status@broadcast} and {@code participant} names the writer, without which it reaches nobody. A receipt for
     * a message the writer did not send to the reader's account there changes no tick ({@link ReceiptRouting}).
     */
    void onClientReceipt(ChatSession session, Node receipt) {
        session.answer(ServerNodes.receiptAck(receipt));
        var to = receipt.attributes().getOptionalJid("to");
        if (to.isEmpty() || session.deviceJid().isEmpty()) {
            return;
        }
        var type = receipt.attributes().getString("type", "");
        if (type.equals("retry")) {
            resend(session.deviceJid().get(), receipt);
            return;
        }
        var ids = new java.util.ArrayList<String>();
        ids.add(receipt.attributes().getString("id", ""));
        receipt.findChild("list").ifPresent(list -> list.listChildren("item")
                .forEach(item -> ids.add(item.attributes().getString("id", ""))));
        if (type.equals("read-self")) {
            // sent with read receipts off: it goes to the reader's own devices only, the sender sees no read
            phones.find(session.deviceJid().get().user()).ifPresent(reader -> ids.forEach(reader::readOnAnotherDevice));
            return;
        }
        ReceiptRouting.ticks(type).ifPresent(ticks -> receiptRouting.route(session.deviceJid().get(), to.get(),
                receipt.attributes().getOptionalJid("participant"), ids, ticks));
    }

    /** A companion could not decrypt a phone's message: the phone sends it again, in a fresh session (see {@link PhoneResends}). */
    private void resend(Jid device, Node retryReceipt) {
        resends.answer(device, retryReceipt, (sender, plaintext) ->
                        sender.encryptAfresh(device, () -> directory.preKeysOf(device).orElseThrow(), plaintext))
                .ifPresent(stanza -> offline.deliver(device, stanza));
    }

    /** The child of the stanza's {@code <biz>} node ({@code interactive} for buttons, {@code list} for a list), if any. */
    private static Optional<String> bizNode(Node message) {
        return message.findChild("biz").flatMap(biz -> biz.children().stream().findFirst()).map(Node::description);
    }

    /**
     * A {@code message} a companion sends: simulated phones among its recipients, and the devices the simulator runs for
     * their accounts, decrypt it; the server acks it.
     */
    void onClientMessage(ChatSession session, Node message) {
        var sender = session.deviceJid();
        var chat = message.attributes().getOptionalJid("to");
        if (sender.isEmpty() || chat.isEmpty()) {
            return;
        }
        if (message.findChild("participants").isEmpty() && isResendToAnother(sender.get(), chat.get(), message)) {
            onResend(sender.get(), chat.get(), message);
            session.answer(ServerNodes.messageAck(message.id(), chat.get(), clock.instant()));
            return;
        }
        if (message.findChild("participants").isEmpty() && message.findChild("enc").isPresent()) {
            onPeerMessage(sender.get(), chat.get(), message);
            session.answer(ServerNodes.messageAck(message.id(), chat.get(), clock.instant()));
            return;
        }
        var recipients = message.findChild("participants").map(participants -> participants.listChildren("to")).orElse(List.of());
        for (var recipient : recipients) {
            var device = recipient.attributes().getOptionalJid("jid");
            var enc = recipient.findChild("enc");
            // a phone (or a device the simulator runs for its account) is addressed by its number or by its LID,
            // whichever the sender chose
            var account = device.flatMap(phones::find);
            var phone = account.flatMap(owner -> owner.simulatedDevice(device.get().device()));
            if (phone.isEmpty() || enc.isEmpty() || enc.get().contentAsBytes().isEmpty()) {
                continue;
            }
            try {
                bizNode(message).ifPresent(node -> phone.get().bizNode(message.id(), node));
                phone.get().receive(message.id(), sender.get(), device.get(), enc.get().attributes().getString("type", ""),
                        enc.get().contentAsBytes().get(), account.get().isNamedBy(chat.get()), clock.instant(), mediaHost);
                // a message to the LID names the number beside it, as LID-first clients send (whatsmeow since 2026-07)
                message.attributes().getOptionalJid("peer_recipient_pn")
                        .filter(number -> account.get().isNamedBy(chat.get()) && device.get().device() == 0)
                        .ifPresent(number -> account.get().numberAlongside(message.id(), number));
            } catch (IllegalArgumentException exception) {
                LOG.warning(() -> phone.get().number() + " cannot decrypt message " + message.id() + " from " + sender.get() + ": " + exception.getMessage());
                askAgain(phone.get(), device.get().device() == 0 ? phone.get().jid() : device.get(), sender.get(), message.id(),
                        exception.getMessage());
            }
        }
        session.answer(ServerNodes.messageAck(message.id(), chat.get(), clock.instant()));
    }

    /**
     * A companion writes to its own phone ({@code category="peer"}, one {@code enc} for device 0): the phone decrypts it
     * and answers what it asks for (an on-demand history request).
     */
    private void onPeerMessage(Jid sender, Jid to, Node message) {
        var phone = phones.find(sender.user()).filter(own -> own.number().equals(to.user()));
        var enc = message.findChild("enc").orElseThrow();
        if (phone.isEmpty() || enc.contentAsBytes().isEmpty()) {
            return;
        }
        try {
            var plaintext = phone.get().receivePeer(sender, to, enc.attributes().getString("type", ""), enc.contentAsBytes().get());
            history.onDemand(phone.get(), sender, message.id(), plaintext)
                    .ifPresent(answer -> sendToOwnCompanion(phone.get(), sender, answer));
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            LOG.warning(() -> phone.get().number() + " cannot answer peer message " + message.id() + " from " + sender + ": " + refused.getMessage());
        }
    }

    /**
     * A resend after a retry receipt addressed to the one device that asked ({@code to} that device, one {@code enc} with
     * its {@code count}; Cobalt's, whatsmeow's and Baileys' retry path), not to one of the sender's own devices.
     */
    static boolean isResendToAnother(Jid sender, Jid to, Node message) {
        return !"peer".equals(message.attributes().getString("category", "")) && !sender.user().equals(to.user())
                && message.findChild("enc").map(enc -> enc.attributes().hasKey("count")).orElse(false);
    }

    /** The device decrypts the resend; one that still cannot asks again. */
    private void onResend(Jid sender, Jid device, Node message) {
        var phone = phones.find(device).flatMap(owner -> owner.simulatedDevice(device.device()));
        var enc = message.findChild("enc").orElseThrow();
        if (phone.isEmpty() || enc.contentAsBytes().isEmpty()) {
            return;
        }
        try {
            phone.get().receive(message.id(), sender, device, enc.attributes().getString("type", ""), enc.contentAsBytes().get(),
                    true, clock.instant(), mediaHost);
        } catch (IllegalArgumentException exception) {
            askAgain(phone.get(), device.device() == 0 ? phone.get().jid() : device, sender, message.id(), exception.getMessage());
        }
    }

    /** As a real phone does: a retry receipt to the device that sent the message, which should resend it. */
    private void askAgain(SimulatedPhone phone, Jid asker, Jid sender, String messageId, String reason) {
        var now = clock.instant();
        phone.decryptFailed(messageId, sender, reason, now).ifPresent(count ->
                offline.deliver(sender, ServerNodes.retryReceipt(messageId, asker, count, now, phone.publishedKeys())));
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }
}
