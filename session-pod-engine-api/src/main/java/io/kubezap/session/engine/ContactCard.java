package io.kubezap.session.engine;

import java.util.List;

/** A contact card: the name shown, the phone numbers on it, and the vCard WhatsApp carries. */
public record ContactCard(String fullName, List<String> phoneNumbers, String vcard) {

    public ContactCard {
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
    }
}
