package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.ContactCard;
import it.auties.whatsapp.model.message.standard.ContactMessage;
import it.auties.whatsapp.model.message.standard.ContactMessageBuilder;

import java.util.List;

/**
 * Contact cards between the port and Cobalt's {@code ContactMessage}. Only the vCard text crosses: the pod reads the
 * phone numbers from it itself. Cobalt 0.0.10 parses a card's text and writes it anew when sending, keeping only the
 * name, the numbers tagged with a WhatsApp id and a business name; so the card is handed over as Cobalt's raw card
 * (the variant it keeps for text it cannot parse), whose constructor is private.
 */
final class ContactCards {

    private ContactCards() {
    }

    static ContactCard card(ContactMessage message) {
        var vcard = message.vcard();
        return new ContactCard(message.name(), List.of(), vcard == null ? null : vcard.toVcard());
    }

    static ContactMessage message(ContactCard card) {
        return new ContactMessageBuilder()
                .name(card.fullName())
                .vcard(raw(card.vcard()))
                .build();
    }

    private static it.auties.whatsapp.model.contact.ContactCard raw(String vcard) {
        try {
            var constructor = Class.forName("it.auties.whatsapp.model.contact.ContactCard$Raw").getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return (it.auties.whatsapp.model.contact.ContactCard) constructor.newInstance(vcard);
        } catch (ReflectiveOperationException changed) {
            throw new IllegalStateException("Cobalt's raw contact card is not where 0.0.10 keeps it", changed);
        }
    }
}
