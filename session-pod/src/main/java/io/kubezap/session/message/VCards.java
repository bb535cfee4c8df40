package io.kubezap.session.message;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Telephone;
import io.kubezap.session.engine.ContactCard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Contact cards as vCards (RFC 2426, what WhatsApp carries), with ez-vcard. A number on WhatsApp is tagged with its
 * WhatsApp id ({@code waid}), as WhatsApp's apps write it, so that the recipient's app offers "Message".
 */
public final class VCards {

    private static final String WHATSAPP_ID = "waid";

    private VCards() {
    }

    /** A card for a name and phone numbers (digits with country code). */
    public static ContactCard build(String fullName, List<String> phoneDigits) {
        VCard vcard = new VCard(VCardVersion.V3_0);
        vcard.setFormattedName(fullName);
        for (String digits : phoneDigits) {
            Telephone telephone = new Telephone("+" + digits);
            telephone.getTypes().add(TelephoneType.CELL);
            telephone.getParameters().put(WHATSAPP_ID, digits);
            vcard.addTelephoneNumber(telephone);
        }
        return new ContactCard(fullName, phoneDigits, Ezvcard.write(vcard).version(VCardVersion.V3_0).prodId(false).go());
    }

    /**
     * A card as given: its own text, its name ({@code fullName} when given, else its FN) and its numbers.
     *
     * @throws IllegalArgumentException with a reason for the user when the text is not one vCard with a name
     */
    public static ContactCard given(String text, String fullName) {
        List<VCard> cards;
        try {
            cards = Ezvcard.parse(text).all();
        } catch (RuntimeException unreadable) {
            throw new IllegalArgumentException("is not a vCard");
        }
        if (cards.size() != 1) {
            throw new IllegalArgumentException(cards.isEmpty() ? "is not a vCard (BEGIN:VCARD … END:VCARD)"
                    : "holds " + cards.size() + " vCards; give one per contact");
        }
        VCard card = cards.getFirst();
        String name = fullName != null ? fullName : card.getFormattedName() == null ? null : card.getFormattedName().getValue();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("has no name (FN) and no fullName was given");
        }
        return new ContactCard(name, phones(card), text);
    }

    /** The numbers on a card someone sent, as digits, or none when the text is not a readable vCard. */
    public static List<String> phonesOf(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return Ezvcard.parse(text).all().stream().flatMap(card -> phones(card).stream()).toList();
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    private static List<String> phones(VCard card) {
        return card.getTelephoneNumbers().stream()
                .map(telephone -> Optional.ofNullable(telephone.getParameters().first(WHATSAPP_ID))
                        .orElse(digits(telephone)))
                .filter(Objects::nonNull)
                .filter(digits -> !digits.isEmpty())
                .toList();
    }

    private static String digits(Telephone telephone) {
        String text = telephone.getText() != null ? telephone.getText()
                : telephone.getUri() != null ? telephone.getUri().getNumber() : null;
        return text == null ? null : text.replaceAll("[^0-9]", "");
    }
}
