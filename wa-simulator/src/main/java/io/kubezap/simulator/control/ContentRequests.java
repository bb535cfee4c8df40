package io.kubezap.simulator.control;

import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.stream.MessageLabels;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** A phone's location, contacts, poll or group invitation from the control API, as the {@code Message} a phone's WhatsApp writes. */
final class ContentRequests {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContentRequests() {
    }

    record Built(byte[] message, MessageLabels labels) {
    }

    static Optional<Built> of(Views.SendMessage request) {
        return switch (request.type()) {
            case "location" -> Optional.of(location(request.location()));
            case "contact" -> Optional.of(contacts(request.contacts()));
            case "poll" -> Optional.of(poll(request.poll()));
            case "group_invite" -> Optional.of(groupInvite(request.groupInvite()));
            default -> Optional.empty();
        };
    }

    private static Built location(Views.LocationBody location) {
        if (location == null || location.latitude() == null || location.longitude() == null) {
            throw new IllegalArgumentException("A location message needs location: {latitude, longitude, name?, address?}");
        }
        return new Built(MessageContents.location(location.latitude(), location.longitude(), location.name(), location.address()),
                new MessageLabels("media", "location", null));
    }

    private static Built contacts(List<Views.ContactBody> contacts) {
        if (contacts == null || contacts.isEmpty()) {
            throw new IllegalArgumentException("A contact message needs contacts: [{fullName, phoneNumbers} or {vcard}]");
        }
        var cards = contacts.stream().map(ContentRequests::card).toList();
        return new Built(MessageContents.contacts(cards),
                new MessageLabels("media", cards.size() == 1 ? "vcard" : "contact_array", null));
    }

    /** The card as given, or the vCard a phone writes for a name and numbers (each tagged with its WhatsApp id). */
    private static Content.Card card(Views.ContactBody contact) {
        if (contact.vcard() != null) {
            return new Content.Card(contact.fullName(), contact.vcard());
        }
        if (contact.fullName() == null || contact.phoneNumbers() == null || contact.phoneNumbers().isEmpty()) {
            throw new IllegalArgumentException("A contact needs a vcard, or a fullName and phoneNumbers");
        }
        var vcard = new StringBuilder("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:").append(contact.fullName()).append("\r\n");
        for (var number : contact.phoneNumbers()) {
            var digits = number.replaceAll("[^0-9]", "");
            vcard.append("TEL;type=CELL;waid=").append(digits).append(":+").append(digits).append("\r\n");
        }
        return new Content.Card(contact.fullName(), vcard.append("END:VCARD\r\n").toString());
    }

    private static Built groupInvite(Content.GroupInvite invite) {
        if (invite == null || invite.groupJid() == null || invite.inviteCode() == null) {
            throw new IllegalArgumentException("A group_invite message needs groupInvite: {groupJid, inviteCode, expiration?, groupName?, caption?}");
        }
        return new Built(MessageContents.groupInvite(invite), MessageLabels.text());
    }

    private static Built poll(Views.PollBody poll) {
        if (poll == null || poll.name() == null || poll.options() == null) {
            throw new IllegalArgumentException("A poll message needs poll: {name, options, selectableCount?}");
        }
        if (poll.options().size() < 2 || poll.options().size() > 12 || new HashSet<>(poll.options()).size() != poll.options().size()) {
            throw new IllegalArgumentException("A poll has 2 to 12 distinct options");
        }
        var secret = new byte[32];
        RANDOM.nextBytes(secret);
        var selectable = poll.selectableCount() == null ? 1 : poll.selectableCount();
        return new Built(MessageContents.poll(poll.name(), poll.options(), selectable, secret), new MessageLabels("poll", null, null));
    }
}
