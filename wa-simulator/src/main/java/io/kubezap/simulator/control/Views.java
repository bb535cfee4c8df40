package io.kubezap.simulator.control;

import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.media.StoredMedia;
import io.kubezap.simulator.phone.AppMediaChecks;
import io.kubezap.simulator.content.BusinessMessages;
import io.kubezap.simulator.content.EventMessages;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.ReceivedMedia;
import io.kubezap.simulator.phone.ReceivedMessage;
import io.kubezap.simulator.phone.PhoneMessage;
import io.kubezap.simulator.phone.PhoneCall;
import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.Presentation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.stream.ChatServer;
import io.kubezap.simulator.stream.ChatSession;
import io.kubezap.simulator.stream.LoggedNode;
import io.kubezap.simulator.stream.OfflineQueue;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the control API. */
final class Views {
    private Views() {
    }

    /**
     * {@code lidAddressed}: WhatsApp addresses the phone by its LID (its messages come from {@code <lid>@lid});
     * {@code hidesNumber}: and its messages do not reveal its number ({@code sender_pn}).
     */
    record CreatePhone(String number, String pushName, Boolean lidAddressed, Boolean hidesNumber, String username) {
    }

    record Network(Boolean reachable, long refusedConnections) {
    }

    /** WhatsApp Web's revisions: the one web.whatsapp.com announces, and the oldest the chat server accepts (0: any). */
    record WebVersion(Long current, Long minimum) {
    }

    /**
     * {@code PATCH /api/phones/{n}}: a new push name, and/or {@code lidAddressed}: WhatsApp now addresses the phone by its
     * LID (or no longer), and/or {@code username}: the account's new {@code @username} ({@code ""} removes it).
     */
    record Rename(String pushName, Boolean lidAddressed, String username) {
    }

    /** {@code PUT /api/phones/{n}/contacts/{number}}: the name the owner saves for someone in the phone's address book. */
    record SaveContact(String fullName, String firstName) {
    }

    /**
     * What the phone's owner does to a chat or a label: {@code action} archive, unarchive, pin, unpin, mute (until
     * {@code muteEnd}, epoch milliseconds; absent or -1: for ever), unmute, read, unread, star, unstar ({@code messageId},
     * {@code fromMe}), delete, clear, label-edit ({@code labelId}, {@code name}, {@code color}), label-delete, label,
     * unlabel ({@code labelId}); {@code chat} a number or JID.
     */
    record AppStateAction(String action, String chat, String messageId, Boolean fromMe, Long muteEnd, String labelId,
                          String name, Integer color, List<String> index, Boolean deleteStarred) {
    }

    /** {@code POST /api/phones/{n}/appstate/keys}: whether the new key goes to the companions at once (default true). */
    record RotateKey(Boolean share) {
    }

    /** {@code PUT /api/phones/{n}/history}: past conversations to make up (see {@code PastChats}). */
    record PastChatsRequest(int chats, int messages, int olderMessages, int media, Integer messagesPerChunk) {
    }

    record PastMessageView(String id, boolean fromMe, String timestamp, String type, String text) {
    }

    /** {@code lid}: the LID the history gives beside a chat with a number (null for a group). */
    record PastChatView(String jid, String lid, String name, int unreadCount, boolean archived, long pinnedAt, long mutedUntil,
                        List<PastMessageView> messages) {
    }

    static PastChatView pastChat(io.kubezap.simulator.history.PastChat chat, io.kubezap.simulator.phone.PhoneDirectory phones) {
        var lid = it.auties.whatsapp.model.jid.JidServer.whatsapp().equals(chat.jid().server()) ? phones.lidOf(chat.jid().user()).toString() : null;
        return new PastChatView(chat.jid().toString(), lid, chat.name(), chat.unreadCount(), chat.archived(), chat.pinnedAtSeconds(),
                chat.mutedUntilSeconds(), chat.messages().stream().map(message -> new PastMessageView(message.id(), message.fromMe(),
                        message.at().toString(), message.type(), message.text())).toList());
    }

    /** {@code PUT /api/phones/{n}/profile}: a new about text, picture (base64 JPEG) and/or business profile; absent fields stay. */
    record ProfileChange(String about, String picture, io.kubezap.simulator.phone.PhoneProfile.Business business) {
    }

    record Profile(String about, String aboutSetAt, String pictureId, String pictureUrl, io.kubezap.simulator.phone.PhoneProfile.Business business) {
    }

    static Profile profile(io.kubezap.simulator.phone.PhoneProfile profile) {
        return new Profile(profile.about(), profile.aboutSetAt().toString(), profile.pictureId(), profile.pictureUrl(), profile.business());
    }

    record Scan(String qr) {
    }

    record InjectFault(String type) {
    }

    /**
     * The next {@code times} (default 1) IQs of {@code xmlns} (with a child {@code child}), or logins' {@code <success>}
     * ({@code stanza} "success"), answered late, or never without {@code lateByMillis}.
     */
    record HoldAnswers(String xmlns, String child, String stanza, Long lateByMillis, Integer times) {
    }

    record AnswerDelay(long millis) {
    }

    record EnterCode(String code) {
    }

    /**
     * A text ({@code text}), a media message ({@code type} and {@code media}), a {@code location}, {@code contacts}, a
     * {@code poll} (with the {@code type} of the same name) or a {@code groupInvite} (type {@code group_invite}), optionally replying to {@code quotedMessageId}.
     */
    record SendMessage(String to, String type, String text, MediaBody media, String caption, String quotedMessageId,
                       LocationBody location, List<ContactBody> contacts, PollBody poll, Content.GroupInvite groupInvite,
                       Boolean viewOnce,
                       Presentation.LinkPreview preview,
                       MediaBody hdMedia) {
    }

    /**
     * A phone's status: a {@code text} (its {@code backgroundColor} {@code #AARRGGBB} and {@code font} number), or an
     * {@code image} or {@code video} ({@code media}, {@code caption}); to the numbers {@code to}, or every other phone.
     */
    record PostStatus(String type, String text, String backgroundColor, Integer font, MediaBody media, String caption,
                      List<String> to) {
    }

    record LocationBody(Double latitude, Double longitude, String name, String address) {
    }

    /** A contact card: a whole {@code vcard}, or a name and numbers (a vCard is written from them). */
    record ContactBody(String fullName, List<String> phoneNumbers, String vcard) {
    }

    record PollBody(String name, List<String> options, Integer selectableCount) {
    }

    record DisappearingBody(Integer seconds) {
    }

    record EditBody(String text) {
    }

    record PlaceCall(String to, Boolean video) {
    }

    record PresenceBody(String state) {
    }

    /** A reach-out restriction until {@code until} (ISO-8601); null lifts it. */
    record Timelock(String until) {
    }

    /** The new chats an account may start in a cycle. */
    record NewChatCap(int total) {
    }

    record ChatStateBody(String to, String state) {
    }

    /**
     * {@code state}: what the account's companions announced last; {@code chatStates}: what the owner sees others do in
     * their chats now; {@code chatStateLog}: every such state seen, oldest first, with when.
     */
    record PresenceView(String state, Map<String, String> chatStates, List<ChatStateView> chatStateLog) {
    }

    record ChatStateView(String from, String state, String at) {
    }

    /** {@code timeout}: the call stops ringing unanswered instead of being hung up. */
    record EndCall(boolean timeout) {
    }

    /** A call a phone placed: {@code status} ringing, rejected (with {@code rejectedBy}, the declining device), ended or timed_out. */
    record CallView(String id, String to, boolean video, String status, String rejectedBy, String startedAt, String endedAt) {
    }

    static CallView call(PhoneCall call) {
        return new CallView(call.id(), call.to().toString(), call.video(), call.status(), call.rejectedBy(),
                call.startedAt().toString(), call.endedAt() == null ? null : call.endedAt().toString());
    }

    record ReactionBody(String emoji) {
    }

    record VoteBody(List<String> options) {
    }

    record UpdateSent(String id, String messageId) {
    }

    /**
     * What a phone's chat shows of a message now: edited and deleted flags, reactions by account, and for the other
     * kinds their content; a poll with each option's voters; for a sent message its ticks ({@code status}).
     */
    record Shown(boolean edited, boolean deleted, Map<String, String> reactions, LocationBody location,
                 List<ContactBody> contacts, PollView poll, Content.GroupInvite groupInvite, String status, EventView event,
                 ProductView product, Content.Order order, InteractiveView buttons, InteractiveView list, Content.Choice reply,
                 CarouselView carousel) {
    }

    /**
     * A carousel as the phone shows it, its cards in order, and {@code problems}: what the app's checks found
     * ({@link io.kubezap.simulator.content.InteractiveMessages#problems}) and each card picture that did not download.
     */
    record CarouselView(String text, String footer, List<CardView> cards, List<String> problems) {
    }

    /** A card: its picture as downloaded ({@code image}: its type and SHA-256; null when it has none or it did not download). */
    record CardView(String title, String body, String footer, CardImage image, List<Content.Option> buttons) {
    }

    record CardImage(String mimeType, String sha256) {
    }

    /**
     * Buttons or a list as the phone shows them (a list's rows in {@code sections}), and {@code problems}: what the app's
     * checks found ({@link io.kubezap.simulator.content.InteractiveMessages#problems}); an app shows neither with any.
     */
    record InteractiveView(String text, String footer, String buttonText, List<Content.Option> buttons,
                           List<Content.Section> sections, List<String> problems) {
    }

    record ChoiceBody(String id) {
    }

    /**
     * A product card as the phone shows it, and {@code problems}: what the app's checks found
     * ({@link BusinessMessages#problems}); an app shows no card with any.
     */
    record ProductView(String productId, String title, String description, String currency, long priceAmount1000,
                       String retailerId, String url, String businessOwnerJid, String body, String footer, List<String> problems) {
    }

    /**
     * An event as the phone's card shows it now (after its creator's edits), each guest's answer, and {@code problems}:
     * what the app's checks found ({@link EventMessages#problems}); an app shows no card for an event with any.
     */
    record EventView(String name, String description, String location, String joinLink, long startTime, Long endTime,
                     boolean extraGuestsAllowed, boolean canceled, Map<String, String> responses, List<String> problems) {
    }

    record ResponseBody(String response) {
    }

    record PollView(String name, int selectableCount, List<PollOptionView> options) {
    }

    record PollOptionView(String name, List<String> voters) {
    }

    /**
     * A message the phone sent, as its chat shows it now; {@code receipts}: each recipient account's latest receipt
     * (delivered or read), what the phone's message info lists.
     */
    record Sent(String id, String to, String type, String text, String sentAt, @JsonUnwrapped Shown shown,
                Map<String, String> receipts) {
    }

    static Sent sent(PhoneMessage message) {
        return new Sent(message.id(), message.peer().toString(), message.content().type(), message.text(), message.at().toString(),
                shown(message), message.receipts());
    }

    private static CarouselView carousel(Content.Carousel shown, PhoneMessage message) {
        var problems = new ArrayList<>(io.kubezap.simulator.content.InteractiveMessages.problems(shown, message.bizNode()));
        var cards = new ArrayList<CardView>();
        for (int i = 0; i < shown.cards().size(); i++) {
            var card = shown.cards().get(i);
            var image = i < message.cardImages().size() ? message.cardImages().get(i) : null;
            if (image != null && !image.isAccepted()) {
                problems.add("card " + (i + 1) + "'s image did not download: " + image.rejection());
            }
            cards.add(new CardView(card.title(), card.body(), card.footer(),
                    image != null && image.isAccepted() ? new CardImage(image.mimeType(), image.sha256()) : null, card.buttons()));
        }
        return new CarouselView(shown.text(), shown.footer(), cards, problems);
    }

    static Shown shown(PhoneMessage message) {
        LocationBody location = null;
        List<ContactBody> contacts = null;
        PollView poll = null;
        Content.GroupInvite invite = null;
        EventView event = null;
        ProductView product = null;
        Content.Order order = null;
        InteractiveView buttons = null;
        InteractiveView list = null;
        Content.Choice reply = null;
        CarouselView carousel = null;
        switch (message.content()) {
            case Content.Location place -> location = new LocationBody(place.latitude(), place.longitude(), place.name(), place.address());
            case Content.Contacts cards -> contacts = cards.cards().stream().map(card -> new ContactBody(card.name(), null, card.vcard())).toList();
            case Content.Poll asked -> poll = new PollView(asked.name(), asked.selectableCount(), asked.options().stream()
                    .map(option -> new PollOptionView(option, message.votes().entrySet().stream()
                            .filter(vote -> vote.getValue().contains(option)).map(Map.Entry::getKey).sorted().toList()))
                    .toList());
            case Content.GroupInvite given -> invite = given;
            case Content.Event asked -> event = new EventView(asked.name(), asked.description(), asked.location(), asked.joinLink(),
                    asked.startTime(), asked.endTime() == 0 ? null : asked.endTime(), asked.extraGuestsAllowed(), asked.canceled(),
                    message.responses(), EventMessages.problems(asked, message.messageSecret()));
            case Content.Product card -> product = new ProductView(card.productId(), card.title(), card.description(), card.currency(),
                    card.priceAmount1000(), card.retailerId(), card.url(), card.businessOwnerJid(), card.body(), card.footer(),
                    BusinessMessages.problems(card));
            case Content.Order placed -> order = placed;
            case Content.Buttons shown -> buttons = new InteractiveView(shown.text(), shown.footer(), null, shown.buttons(), null,
                    io.kubezap.simulator.content.InteractiveMessages.problems(shown, message.bizNode()));
            case Content.ListMessage shown -> list = new InteractiveView(shown.text(), shown.footer(), shown.buttonText(), null,
                    shown.sections(), io.kubezap.simulator.content.InteractiveMessages.problems(shown, message.bizNode()));
            case Content.Choice chosen -> reply = chosen;
            case Content.Carousel shown -> carousel = carousel(shown, message);
            default -> { }
        }
        return new Shown(message.editedAt() != null, message.deleted(), message.reactions(), location, contacts, poll, invite,
                message.sent() ? message.status() : null, event, product, order, buttons, list, reply, carousel);
    }

    /** {@code waveform} and {@code thumbnail}: base64, what the phone's app writes (a voice note's, a picture's). */
    record MediaBody(String data, String mimeType, String fileName, Integer seconds, Integer width, Integer height,
                     String url, String directPath, Long fileLength, String waveform, String thumbnail) {

        io.kubezap.simulator.phone.OutgoingMedia.Dimensions dimensions() {
            return new io.kubezap.simulator.phone.OutgoingMedia.Dimensions(seconds, width, height,
                    waveform == null ? null : ControlApi.decodeBase64(waveform, "media.waveform"),
                    thumbnail == null ? null : ControlApi.decodeBase64(thumbnail, "media.thumbnail"));
        }
    }

    record TextSent(String id) {
    }

    /** An album a phone sends to {@code to}: two or more images and videos, each with its own caption. */
    record SendAlbum(String to, List<AlbumItem> items) {
    }

    record AlbumItem(String type, MediaBody media, String caption) {
    }

    record Tamper(String directPath, String part, boolean nextUpload) {
    }

    record StoredBlob(String type, String directPath, long size, String encSha256, String uploadedAt, boolean tampered, int downloads) {
    }

    /** {@code app}: what WhatsApp's apps check of it ({@link AppMediaChecks}). */
    record MediaView(String type, String mimeType, long size, String sha256, String fileName, boolean ptt, Integer seconds,
                     Integer width, Integer height, String status, String rejection, String url, AppMediaChecks.Verdict app) {
    }

    /** A message the phone could not decrypt; {@code receivedAfterRetry} once a resend it asked for decrypted. */
    record DecryptFailureView(String id, String from, String reason, int retryReceipts, String failedAt, boolean receivedAfterRetry,
                              String recoveredAt) {
    }

    static DecryptFailureView decryptFailure(io.kubezap.simulator.phone.DecryptFailure failure) {
        return new DecryptFailureView(failure.id(), failure.fromDevice().toString(), failure.reason(), failure.retries(),
                failure.failedAt().toString(), failure.recoveredAt() != null,
                failure.recoveredAt() == null ? null : failure.recoveredAt().toString());
    }

    /** {@code to}: for a {@code retry} receipt only, the account whose companions get it. */
    record SendReceipt(String messageId, String type, String to) {
    }

    record ResendView(String id, String from, String type, String text, String at) {
    }

    static ResendView resend(io.kubezap.simulator.phone.Resend resend) {
        return new ResendView(resend.id(), resend.fromDevice().toString(), resend.type(), resend.text(), resend.at().toString());
    }

    /** A message the phone received; {@code text} and {@code caption} as shown now (after edits). */
    /**
     * {@code to}: the address the sender used for the phone, its number's JID or its LID (null for a phone's message);
     * {@code recipientPn}: the number the sender named beside a LID ({@code peer_recipient_pn}), else null.
     */
    record Message(String id, String from, String to, String recipientPn, String type, String text, String caption, MediaView media, String quotedMessageId,
                   String receivedAt, String group, List<String> mentions, @JsonUnwrapped Shown shown,
                   @JsonUnwrapped Presentation presentation,
                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean hd,
                   @JsonInclude(JsonInclude.Include.NON_NULL) MediaView hdMedia,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hdProblems) {
    }

    static Message message(String phoneNumber, ReceivedMessage message, String to) {
        return message(phoneNumber, message, to, null);
    }

    static Message message(String phoneNumber, ReceivedMessage message, String to, PhoneMessage now) {
        return message(phoneNumber, message, to, null, now);
    }

    static Message message(String phoneNumber, ReceivedMessage message, String to, String recipientPn, PhoneMessage now) {
        var media = message.media() == null ? null : mediaView(message.media(), message.media().isAccepted()
                ? "/api/phones/" + phoneNumber + "/messages/" + message.id() + "/media" : null, message.message());
        var text = now != null && message.text() != null ? now.text() : message.text();
        var caption = now != null && message.caption() != null ? now.text() : message.caption();
        return new Message(message.id(), message.fromDevice().toString(), to, recipientPn, message.type(), text, caption, media,
                message.quotedMessageId(), message.receivedAt().toString(), message.group() == null ? null : message.group().toString(),
                io.kubezap.simulator.signal.TextMessage.mentionsOf(message.message()), now == null ? null : shown(now),
                message.message() == null ? null : Presentation.of(message.message()), now != null && now.hd(),
                now == null || now.hdOriginal() == null ? null : mediaView(now.hdOriginal(), null, null),
                now == null ? List.of() : now.hdProblems());
    }

    /** A received file as the phone shows it; {@code url} where it is downloaded from this API, or null. */
    private static MediaView mediaView(ReceivedMedia media, String url, byte[] message) {
        return new MediaView(media.type().id(), media.mimeType(), media.size(), media.sha256(), media.fileName(),
                media.type() == MediaType.VOICE, media.seconds(), media.width(), media.height(),
                media.isAccepted() ? "downloaded" : "rejected", media.rejection(), url, message == null ? null : AppMediaChecks.of(media, message));
    }

    static StoredBlob blob(StoredMedia media, MediaHost host) {
        return new StoredBlob(media.type().id(), media.directPath(), media.blob().length, media.encSha256(), media.uploadedAt().toString(),
                media.tampered(), host.downloadsOf(media));
    }

    record CodeEntered(String pairingRef) {
    }

    /** {@code announcedName}: the push name the account's companions announce in their presence (null before any). */
    record Phone(String number, String pushName, String jid, String lid, boolean lidAddressed, List<Device> devices,
                 String announcedName, String username) {
    }

    record Device(int deviceId, String jid, DeviceStatus status, boolean connected, Long connectionId) {
    }

    record Paired(String deviceJid) {
    }

    record FaultInjected(String deviceJid, String fault) {
    }

    record Connection(long id, ChatSession.State state, String remoteAddress, String openedAt, String deviceJid,
                      List<String> qrRefs, int nodesReceived, int dictionaryVersion) {
    }

    record NodeView(String receivedAt, String tag, Map<String, String> attributes, Object content) {
    }

    static Phone phone(SimulatedPhone phone, ChatServer server) {
        var devices = phone.devices().stream().map(device -> device(device, server)).toList();
        return new Phone(phone.number(), phone.pushName(), phone.jid().toString(), phone.lid().toString(), phone.lidAddressed(),
                devices, server.presence().announcedName(phone.number()).orElse(null), phone.username());
    }

    private static Device device(LinkedDevice device, ChatServer server) {
        var session = server.activeSession(device.jid());
        return new Device(device.deviceId(), device.jid().toString(), device.status(), session.isPresent(),
                session.map(ChatSession::id).orElse(null));
    }

    static Connection connection(ChatSession session) {
        return new Connection(session.id(), session.state(), session.remoteAddress(), session.openedAt().toString(),
                session.deviceJid().map(Object::toString).orElse(null), session.qrRefs(), session.received().size(),
                session.dictionaryVersion());
    }

    /** A stanza waiting in a device's offline queue. */
    record QueuedStanza(String id, String tag, String type, String queuedAt) {
    }

    static QueuedStanza queued(OfflineQueue.Queued queued) {
        return new QueuedStanza(queued.id(), queued.tag(), queued.type(), queued.queuedAt().toString());
    }

    static NodeView node(LoggedNode logged) {
        var node = logged.node();
        return new NodeView(logged.at().toString(), node.description(), attributes(node), content(node));
    }

    private static Map<String, String> attributes(Node node) {
        var attributes = new LinkedHashMap<String, String>();
        node.attributes().toMap().forEach((key, value) -> attributes.put(key, String.valueOf(value)));
        return attributes;
    }

    /** Children as nested views, text as text, other bytes as {@code base64:...}. */
    private static Object content(Node node) {
        return switch (node.content()) {
            case null -> null;
            case byte[] bytes -> isPrintable(bytes) ? new String(bytes, StandardCharsets.UTF_8) : "base64:" + Base64.getEncoder().encodeToString(bytes);
            case List<?> children -> children.stream()
                    .map(child -> child instanceof Node childNode ? new NodeView(null, childNode.description(), attributes(childNode), content(childNode)) : String.valueOf(child))
                    .toList();
            default -> String.valueOf(node.content());
        };
    }

    private static boolean isPrintable(byte[] bytes) {
        var text = new String(bytes, StandardCharsets.UTF_8);
        return text.chars().allMatch(character -> character >= 0x20 && character != 0xFFFD || character == '\n' || character == '\t')
                && Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes);
    }

    /** How many of a device's next messages from companions fail to decrypt. */
    record DecryptFaults(int count) {
    }
}
