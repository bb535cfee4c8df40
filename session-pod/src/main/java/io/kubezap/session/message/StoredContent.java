package io.kubezap.session.message;

import io.kubezap.session.engine.ContactCard;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;


/**
 * A {@link MessageContent} as the {@code messages} row keeps it: its {@code type}, its {@code text} (a media's
 * caption, a place's or poll's name), the file block of a media kind ({@code media}) and a structured kind's
 * {@link MessageContent.Block} ({@code content}).
 */
public record StoredContent(String type, String text, MediaInfo media, MessageContent.Block block) {

    public static StoredContent of(MessageContent content) {
        return switch (content) {
            case MessageContent.Text text -> new StoredContent(text.type(), text.text(), null, null);
            case MessageContent.Media media -> new StoredContent(media.type(), media.caption(), MediaInfo.of(media, null), null);
            case MessageContent.Contacts contacts -> new StoredContent(contacts.type(), contacts.text(), null,
                    MessageContent.Block.of(new MessageContent.Contacts(contacts.contacts().stream().map(StoredContent::withPhones).toList())));
            case MessageContent.Structured structured -> new StoredContent(structured.type(), structured.text(), null,
                    MessageContent.Block.of(structured));
            case MessageContent.Other other -> new StoredContent(other.type(), other.text(), null, null);
        };
    }

    /** The content a row holds; its text is the row's (edits change it, and a media's caption with it). */
    public MessageContent toContent() {
        if (media != null) {
            return media.asContent(MediaKind.fromWire(type).orElse(MediaKind.DOCUMENT));
        }
        if (block != null) {
            return block.content();
        }
        return MessageContent.Text.TYPE.equals(type) ? new MessageContent.Text(text) : new MessageContent.Other(type, text);
    }

    private static ContactCard withPhones(ContactCard card) {
        return card.phoneNumbers().isEmpty() ? new ContactCard(card.fullName(), VCards.phonesOf(card.vcard()), card.vcard()) : card;
    }
}
