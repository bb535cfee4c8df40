package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubezap.session.engine.ContactCard;
import io.kubezap.session.engine.MessageContent;

import java.util.List;

/** The part of a location, contact or poll message that is neither text nor file; one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageBody(Location location, List<ContactCard> contacts, Poll poll) {

    public record Location(double latitude, double longitude, String name, String address) {
    }

    /** {@code selectableCount} 0: a voter may pick any number of options. */
    public record Poll(String name, List<String> options, int selectableCount) {
    }

    /** The body of a content kind, or null for texts, media and kinds not modelled. */
    public static MessageBody of(MessageContent content) {
        return switch (content) {
            case MessageContent.Location l -> new MessageBody(new Location(l.latitude(), l.longitude(), l.name(), l.address()), null, null);
            case MessageContent.Contacts c -> new MessageBody(null, c.contacts().stream().map(MessageBody::withPhones).toList(), null);
            case MessageContent.Poll p -> new MessageBody(null, null, new Poll(p.name(), p.options(), p.selectableCount()));
            case MessageContent.Text ignored -> null;
            case MessageContent.Media ignored -> null;
            case MessageContent.Other ignored -> null;
        };
    }

    private static ContactCard withPhones(ContactCard card) {
        return card.phoneNumbers().isEmpty() ? new ContactCard(card.fullName(), VCards.phonesOf(card.vcard()), card.vcard()) : card;
    }

    /** What the engine sends for this body. */
    public MessageContent toContent() {
        if (location != null) {
            return new MessageContent.Location(location.latitude(), location.longitude(), location.name(), location.address());
        }
        if (contacts != null) {
            return new MessageContent.Contacts(contacts);
        }
        return new MessageContent.Poll(poll.name(), poll.options(), poll.selectableCount());
    }
}
