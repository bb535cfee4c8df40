package io.kubezap.simulator.content;

import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code Message} protobuf (WhatsApp's {@code WAE2E.Message}) for the kinds the simulated phones
 * use. Field numbers are those of WhatsApp's public message definitions.
 */
public final class MessageContents {
    private static final int CONVERSATION = 1;
    private static final int CONTACT = 4;
    private static final int LOCATION = 5;
    private static final int EXTENDED_TEXT = 6;
    private static final int PROTOCOL = 12;
    private static final int CONTACTS_ARRAY = 13;
    private static final int DEVICE_SENT = 31;
    private static final int CONTEXT = 35;
    private static final int REACTION = 46;
    private static final int GROUP_INVITE = 28;
    private static final int POLL_CREATION = 49;
    private static final int POLL_UPDATE = 50;
    private static final int EDITED = 58;
    private static final int POLL_CREATION_V3 = 64;
    private static final int ALBUM = 83;
    /** {@code messageContextInfo.messageAssociation}, and its {@code associationType} for an album's item. */
    private static final int ASSOCIATION = 10;
    private static final int MEDIA_ALBUM = 1;
    /** The association types of a photo's or video's HD original, and {@code associatedChildMessage}, which holds it. */
    private static final int HD_VIDEO_DUAL_UPLOAD = 5;
    private static final int HD_IMAGE_DUAL_UPLOAD = 10;
    private static final int ASSOCIATED_CHILD = 91;
    private static final int EPHEMERAL_WRAPPER = 40;
    private static final int REVOKE = 0;
    private static final int EPHEMERAL_SETTING = 3;
    /** The kinds whose {@code contextInfo} is field 17 (text, image, contact, location, document, audio, video, sticker, invite). */
    private static final List<Integer> CONTEXT_AT_17 = List.of(EXTENDED_TEXT, 3, CONTACT, LOCATION, 7, 8, 9, 26, GROUP_INVITE);
    private static final int CONTEXT_EXPIRATION = 25;
    private static final int MESSAGE_EDIT = 14;

    private MessageContents() {
    }

    /**
     * A decrypted message: its content, the secret its sender attached ({@code messageContextInfo.messageSecret}, which
     * poll votes are encrypted with), and for a copy of a message the account sent from another device, to whom.
     */
    public record Parsed(Content content, byte[] messageSecret, String destinationJid) {
    }

    public static Parsed parse(byte[] message) {
        var reader = ProtobufReader.read(message);
        var deviceSent = reader.bytes(DEVICE_SENT).map(ProtobufReader::read);
        if (deviceSent.isPresent()) {
            var inner = deviceSent.get().bytes(2).map(MessageContents::parse).orElse(new Parsed(new Content.Unknown(), null, null));
            return new Parsed(inner.content(), inner.messageSecret(), deviceSent.get().string(1).orElse(null));
        }
        var secret = reader.bytes(CONTEXT).flatMap(context -> ProtobufReader.read(context).bytes(3)).orElse(null);
        return new Parsed(content(reader), secret, null);
    }

    private static Content content(ProtobufReader message) {
        // ephemeralMessage: how older clients (Baileys' disappearing setting, Cobalt in an ephemeral chat) wrap a message
        var wrapped = message.bytes(EPHEMERAL_WRAPPER).flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(1));
        if (wrapped.isPresent()) {
            return content(ProtobufReader.read(wrapped.get()));
        }
        var edited = message.bytes(EDITED).flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(1));
        if (edited.isPresent()) {
            return content(ProtobufReader.read(edited.get()));
        }
        // associatedChildMessage: an HD original, a photo or video of its own to a phone that does not group it
        var child = message.bytes(ASSOCIATED_CHILD).flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(1));
        if (child.isPresent()) {
            return content(ProtobufReader.read(child.get()));
        }
        var media = MediaMessage.parse(message);
        if (media.isPresent()) {
            return new Content.Media(media.get());
        }
        Optional<Content> found = message.string(CONVERSATION).<Content>map(text -> new Content.Text(text, null))
                .or(() -> message.bytes(EXTENDED_TEXT).map(MessageContents::extendedText))
                .or(() -> message.bytes(LOCATION).map(MessageContents::location))
                .or(() -> message.bytes(CONTACT).map(card -> new Content.Contacts(List.of(card(card)))))
                .or(() -> message.bytes(CONTACTS_ARRAY).map(array -> new Content.Contacts(ProtobufReader.read(array).all(2)
                        .stream().map(MessageContents::card).toList())))
                .or(() -> message.bytes(POLL_CREATION).or(() -> message.bytes(POLL_CREATION_V3)).map(MessageContents::poll))
                .or(() -> message.bytes(GROUP_INVITE).map(MessageContents::groupInvite))
                .or(() -> message.bytes(ALBUM).map(MessageContents::album))
                .or(() -> message.bytes(REACTION).map(MessageContents::reaction))
                .or(() -> message.bytes(POLL_UPDATE).map(MessageContents::vote))
                .or(() -> message.bytes(EventMessages.EVENT).map(EventMessages::event))
                .or(() -> message.bytes(BusinessMessages.PRODUCT).map(BusinessMessages::product))
                .or(() -> message.bytes(BusinessMessages.ORDER).map(BusinessMessages::order))
                .or(() -> InteractiveMessages.content(message))
                .or(() -> message.bytes(EventMessages.ENC_EVENT_RESPONSE).map(EventMessages::response))
                .or(() -> message.bytes(EventMessages.SECRET_ENCRYPTED).flatMap(EventMessages::edit))
                .or(() -> message.bytes(PROTOCOL).flatMap(MessageContents::protocol));
        return found.orElse(new Content.Unknown());
    }

    private static Content extendedText(byte[] extended) {
        var reader = ProtobufReader.read(extended);
        var quoted = reader.bytes(17).flatMap(context -> ProtobufReader.read(context).string(1)).orElse(null);
        return new Content.Text(reader.string(1).orElse(""), quoted);
    }

    private static Content location(byte[] location) {
        var reader = ProtobufReader.read(location);
        return new Content.Location(reader.doubleValue(1).orElse(0.0), reader.doubleValue(2).orElse(0.0),
                reader.string(3).orElse(null), reader.string(4).orElse(null));
    }

    private static Content.Card card(byte[] contact) {
        var reader = ProtobufReader.read(contact);
        return new Content.Card(reader.string(1).orElse(null), reader.string(16).orElse(null));
    }

    private static Content poll(byte[] poll) {
        var reader = ProtobufReader.read(poll);
        var options = reader.all(3).stream().map(option -> ProtobufReader.read(option).string(1).orElse("")).toList();
        return new Content.Poll(reader.string(2).orElse(""), options, reader.uint32(4).orElse(0));
    }

    private static Content groupInvite(byte[] invite) {
        var reader = ProtobufReader.read(invite);
        return new Content.GroupInvite(reader.string(1).orElse(null), reader.string(2).orElse(null), reader.uint64(3).orElse(0L),
                reader.string(4).orElse(null), reader.string(6).orElse(null));
    }

    private static Content album(byte[] album) {
        var reader = ProtobufReader.read(album);
        return new Content.Album(reader.uint32(2).orElse(0), reader.uint32(3).orElse(0));
    }

    /**
     * The album a message says it belongs to: {@code messageContextInfo.messageAssociation} of type {@code MEDIA_ALBUM}
     * naming its parent, or empty.
     */
    public static Optional<Content.AlbumItem> albumItem(byte[] message) {
        var reader = ProtobufReader.read(message);
        var inner = reader.bytes(DEVICE_SENT).flatMap(sent -> ProtobufReader.read(sent).bytes(2));
        if (inner.isPresent()) {
            return albumItem(inner.get());
        }
        return reader.bytes(CONTEXT).flatMap(context -> ProtobufReader.read(context).bytes(ASSOCIATION))
                .map(ProtobufReader::read)
                .filter(association -> association.uint32(1).orElse(0) == MEDIA_ALBUM)
                .flatMap(association -> association.bytes(2).map(key -> new Content.AlbumItem(MessageKey.parse(key),
                        association.uint32(3).orElse(0))));
    }

    /**
     * The standard photo or video an HD original names: the key in its {@code messageContextInfo.messageAssociation} of
     * type {@code HD_IMAGE_DUAL_UPLOAD} or {@code HD_VIDEO_DUAL_UPLOAD} (which of the two), when it holds the original in
     * {@code associatedChildMessage}; else empty.
     */
    public static Optional<Content.HdAssociation> hdParent(byte[] message) {
        var reader = ProtobufReader.read(message);
        var inner = reader.bytes(DEVICE_SENT).flatMap(sent -> ProtobufReader.read(sent).bytes(2));
        if (inner.isPresent()) {
            return hdParent(inner.get());
        }
        if (reader.bytes(ASSOCIATED_CHILD).isEmpty()) {
            return Optional.empty();
        }
        return reader.bytes(CONTEXT).flatMap(context -> ProtobufReader.read(context).bytes(ASSOCIATION))
                .map(ProtobufReader::read)
                .filter(association -> List.of(HD_IMAGE_DUAL_UPLOAD, HD_VIDEO_DUAL_UPLOAD).contains(association.uint32(1).orElse(0)))
                .flatMap(association -> association.bytes(2).map(key -> new Content.HdAssociation(MessageKey.parse(key),
                        association.uint32(1).orElse(0) == HD_VIDEO_DUAL_UPLOAD)));
    }

    private static Content reaction(byte[] reaction) {
        var reader = ProtobufReader.read(reaction);
        return new Content.Reaction(MessageKey.parse(reader.bytes(1).orElse(new byte[0])), reader.string(2).orElse(""),
                reader.uint64(4).orElse(0L));
    }

    private static Content vote(byte[] update) {
        var reader = ProtobufReader.read(update);
        var vote = ProtobufReader.read(reader.bytes(2).orElse(new byte[0]));
        return new Content.PollVote(MessageKey.parse(reader.bytes(1).orElse(new byte[0])), vote.bytes(1).orElse(new byte[0]),
                vote.bytes(2).orElse(new byte[0]), reader.uint64(4).orElse(0L));
    }

    private static Optional<Content> protocol(byte[] protocol) {
        var reader = ProtobufReader.read(protocol);
        if (reader.uint32(2).orElse(REVOKE) == EPHEMERAL_SETTING) {
            return Optional.of(new Content.DisappearingSetting(reader.uint32(4).orElse(0)));
        }
        var key = reader.bytes(1).map(MessageKey::parse);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return switch (reader.uint32(2).orElse(REVOKE)) {
            case REVOKE -> Optional.of(new Content.Revoke(key.get()));
            case MESSAGE_EDIT -> Optional.of(new Content.Edit(key.get(), reader.bytes(14)
                    .map(edited -> textOf(content(ProtobufReader.read(edited)))).orElse(null), reader.uint64(15).orElse(0L)));
            default -> Optional.empty();
        };
    }

    private static String textOf(Content content) {
        return switch (content) {
            case Content.Text text -> text.text();
            case Content.Media media -> media.media().caption();
            default -> null;
        };
    }

    // ---- writing, as a phone's WhatsApp writes each kind ----

    public static byte[] location(double latitude, double longitude, String name, String address) {
        var location = new ProtobufWriter().doubleValue(1, latitude).doubleValue(2, longitude);
        if (name != null) {
            location.string(3, name);
        }
        if (address != null) {
            location.string(4, address);
        }
        return new ProtobufWriter().message(LOCATION, location).toByteArray();
    }

    /** One card as {@code contactMessage}, several as {@code contactsArrayMessage}. */
    public static byte[] contacts(List<Content.Card> cards) {
        if (cards.size() == 1) {
            return new ProtobufWriter().message(CONTACT, cardWriter(cards.getFirst())).toByteArray();
        }
        var array = new ProtobufWriter().string(1, cards.size() + " contacts");
        cards.forEach(card -> array.message(2, cardWriter(card)));
        return new ProtobufWriter().message(CONTACTS_ARRAY, array).toByteArray();
    }

    private static ProtobufWriter cardWriter(Content.Card card) {
        return new ProtobufWriter().string(1, card.name()).string(16, card.vcard());
    }

    /** A group invitation: the group's JID, invite code, expiration (epoch seconds), name and the card's text. */
    public static byte[] groupInvite(Content.GroupInvite invite) {
        var fields = new ProtobufWriter().string(1, invite.groupJid()).string(2, invite.inviteCode()).uint64(3, invite.expiration());
        if (invite.groupName() != null) {
            fields.string(4, invite.groupName());
        }
        if (invite.caption() != null) {
            fields.string(6, invite.caption());
        }
        return new ProtobufWriter().message(GROUP_INVITE, fields).toByteArray();
    }

    /** A poll, with the secret its votes will be encrypted with in {@code messageContextInfo}. */
    public static byte[] poll(String name, List<String> options, int selectableCount, byte[] secret) {
        var poll = new ProtobufWriter().bytes(1, secret).string(2, name);
        options.forEach(option -> poll.message(3, new ProtobufWriter().string(1, option)));
        poll.uint32(4, selectableCount);
        return new ProtobufWriter().message(POLL_CREATION, poll).message(CONTEXT, new ProtobufWriter().bytes(3, secret)).toByteArray();
    }

    /** An album's first message, as the apps send it before its items: how many images and videos will follow. */
    public static byte[] album(int images, int videos) {
        return new ProtobufWriter().message(ALBUM, new ProtobufWriter().uint32(2, images).uint32(3, videos)).toByteArray();
    }

    /**
     * An album's item: the media {@code message} with its {@code messageContextInfo} (a fresh secret, as the apps give
     * every message) associating it to the album's first message {@code parent} at {@code index}.
     */
    public static byte[] inAlbum(byte[] message, MessageKey parent, int index, byte[] secret) {
        var association = new ProtobufWriter().uint32(1, MEDIA_ALBUM).message(2, parent.toProtobuf()).uint32(3, index);
        var context = new ProtobufWriter().message(CONTEXT, new ProtobufWriter().bytes(3, secret).message(ASSOCIATION, association));
        var item = java.util.Arrays.copyOf(message, message.length + context.toByteArray().length);
        System.arraycopy(context.toByteArray(), 0, item, message.length, context.toByteArray().length);
        return item;
    }

    /**
     * A photo's or video's HD original as the apps send it after the standard copy {@code parent}: the media
     * {@code message} in {@code associatedChildMessage}, with a {@code messageContextInfo} (a fresh secret) associating it
     * as {@code HD_VIDEO_DUAL_UPLOAD} ({@code video}) or {@code HD_IMAGE_DUAL_UPLOAD}.
     */
    public static byte[] hdOriginal(byte[] message, MessageKey parent, boolean video, byte[] secret) {
        var association = new ProtobufWriter().uint32(1, video ? HD_VIDEO_DUAL_UPLOAD : HD_IMAGE_DUAL_UPLOAD).message(2, parent.toProtobuf());
        return new ProtobufWriter().message(CONTEXT, new ProtobufWriter().bytes(3, secret).message(ASSOCIATION, association))
                .message(ASSOCIATED_CHILD, new ProtobufWriter().bytes(1, message)).toByteArray();
    }

    public static byte[] reaction(MessageKey key, String emoji, long timestampMs) {
        return new ProtobufWriter().message(REACTION, new ProtobufWriter().message(1, key.toProtobuf())
                .string(2, emoji).uint64(4, timestampMs)).toByteArray();
    }

    /** An edit as a phone sends it: a {@code MESSAGE_EDIT} protocol message wrapped in {@code editedMessage}. */
    public static byte[] edit(MessageKey key, String text, long timestampMs) {
        var protocol = new ProtobufWriter().message(1, key.toProtobuf()).uint32(2, MESSAGE_EDIT)
                .message(14, new ProtobufWriter().string(CONVERSATION, text)).uint64(15, timestampMs);
        var inner = new ProtobufWriter().message(PROTOCOL, protocol);
        return new ProtobufWriter().message(EDITED, new ProtobufWriter().message(1, inner)).toByteArray();
    }

    public static byte[] revoke(MessageKey key) {
        return new ProtobufWriter().message(PROTOCOL, new ProtobufWriter().message(1, key.toProtobuf()).uint32(2, REVOKE))
                .toByteArray();
    }

    public static byte[] vote(MessageKey pollKey, MessageSecretCipher.Sealed vote, long timestampMs) {
        return new ProtobufWriter().message(POLL_UPDATE, new ProtobufWriter().message(1, pollKey.toProtobuf())
                .message(2, new ProtobufWriter().bytes(1, vote.payload()).bytes(2, vote.iv()))
                .uint64(4, timestampMs)).toByteArray();
    }

    /**
     * The seconds a message says it lasts: its {@code contextInfo.expiration}, as WhatsApp's apps write it in a chat with
     * disappearing messages (0 when it says none), inside a device-sent copy or an {@code ephemeralMessage} alike.
     */
    public static int expiration(byte[] message) {
        var reader = ProtobufReader.read(message);
        var inner = reader.bytes(DEVICE_SENT).flatMap(sent -> ProtobufReader.read(sent).bytes(2))
                .or(() -> reader.bytes(EPHEMERAL_WRAPPER).flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(1)));
        if (inner.isPresent()) {
            return expiration(inner.get());
        }
        for (int kind : CONTEXT_AT_17) {
            var found = reader.bytes(kind).flatMap(content -> ProtobufReader.read(content).bytes(17))
                    .flatMap(context -> ProtobufReader.read(context).uint32(CONTEXT_EXPIRATION));
            if (found.isPresent()) {
                return found.get();
            }
        }
        return 0;
    }

    /** A text in a chat with disappearing messages, as the apps send it: the chat's timer in its context. */
    public static byte[] expiringText(String text, int seconds) {
        return new ProtobufWriter().message(EXTENDED_TEXT, new ProtobufWriter().string(1, text)
                .message(17, new ProtobufWriter().uint32(CONTEXT_EXPIRATION, seconds))).toByteArray();
    }

    /** What a phone sends to a chat when its owner changes the chat's timer. */
    public static byte[] disappearingSetting(int seconds) {
        return new ProtobufWriter().message(PROTOCOL, new ProtobufWriter().uint32(2, EPHEMERAL_SETTING).uint32(4, seconds))
                .toByteArray();
    }

    /** A copy of a message for the sender's own other devices: {@code deviceSentMessage} naming the chat. */
    public static byte[] deviceSent(String destinationJid, byte[] message) {
        return new ProtobufWriter().message(DEVICE_SENT, new ProtobufWriter().string(1, destinationJid).bytes(2, message))
                .toByteArray();
    }
}
