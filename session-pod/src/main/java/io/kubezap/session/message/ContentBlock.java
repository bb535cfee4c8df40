package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubezap.session.engine.ContactCard;
import io.kubezap.session.engine.MessageContent;

import java.util.List;

/**
 * A {@link MessageContent.Structured} kind's own fields under its name: {@code {"location": …}},
 * {@code {"contacts": […]}} or {@code {"poll": …}}, one set. The API shows it beside the message's {@code type} and
 * {@code text}, and the {@code messages} row keeps it in {@code content}, in the shape earlier releases wrote.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentBlock(MessageContent.Location location, List<ContactCard> contacts, MessageContent.Poll poll) {

    public static ContentBlock of(MessageContent.Structured content) {
        return switch (content) {
            case MessageContent.Location location -> new ContentBlock(location, null, null);
            case MessageContent.Contacts contacts -> new ContentBlock(null, contacts.contacts(), null);
            case MessageContent.Poll poll -> new ContentBlock(null, null, poll);
        };
    }

    /** The kind this block holds. */
    public MessageContent.Structured content() {
        if (location != null) {
            return location;
        }
        return contacts != null ? new MessageContent.Contacts(contacts) : poll;
    }
}
