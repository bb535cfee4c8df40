package io.kubezap.contract.filter;

import io.kubezap.contract.Jid;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of an event filter's chat lists: a kind of chat ({@code groups}, {@code direct} for every one-to-one chat,
 * {@code status} for the status broadcast, {@code newsletters} for channels) or one chat, named as the pod takes an
 * address ({@link Jid}): a phone number as people write it ({@code +55 11 99999-9999}, {@code 5511999999999}) or a
 * chat's JID ({@code 120363…@g.us}, {@code 5511…@s.whatsapp.net}, {@code …@lid}, {@code …@newsletter}). The CRD's rule
 * and the pod's and gateway's checks are made from {@link #SYNTAX}, itself made from {@link Jid#FORMS}, so all of them
 * accept the same entries, and the same addresses as a send.
 */
public record ChatSelector(Kind kind, String value) {

    /** What an entry may be, as a regular expression (RE2 and java.util.regex alike: no backslash, for CEL's sake). */
    public static final String SYNTAX = "^ *(?:groups|direct|status|newsletters|" + Jid.FORMS + ") *$";
    /** The longest an entry can be (the CRD's bound, which keeps its rule's cost low). */
    public static final int MAX_LENGTH = Jid.MAX_LENGTH;
    /** CEL over a list of strings: every entry is a chat selector. */
    public static final String CEL_ALL_VALID = "self.all(c, c.matches('" + SYNTAX + "'))";
    /** What the CRD and the APIs say of an entry that is none. */
    public static final String EXPECTED = "a chat is groups, direct, status, newsletters, a phone number with country code"
            + " (8 to 15 digits, such as +55 11 99999-9999) or a JID such as 5511999999999@s.whatsapp.net or"
            + " 120363000000000000@g.us";

    private static final Pattern VALID = Pattern.compile(SYNTAX);
    private static final String STATUS_BROADCAST = "status@broadcast";

    public enum Kind {
        /** Every group ({@code …@g.us}). */
        GROUPS,
        /** Every one-to-one chat, by phone number or LID. */
        DIRECT,
        /** The status broadcast ({@code status@broadcast}). */
        STATUS,
        /** Every channel ({@code …@newsletter}). */
        NEWSLETTERS,
        /** One chat. */
        JID
    }

    /** The selector an entry names. */
    public static ChatSelector parse(String entry) {
        if (entry == null || entry.length() > MAX_LENGTH || !VALID.matcher(entry).matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String text = entry.strip();
        return switch (text) {
            case "groups" -> new ChatSelector(Kind.GROUPS, text);
            case "direct" -> new ChatSelector(Kind.DIRECT, text);
            case "status" -> new ChatSelector(Kind.STATUS, text);
            case "newsletters" -> new ChatSelector(Kind.NEWSLETTERS, text);
            default -> new ChatSelector(Kind.JID, Jid.parse(text).toString().toLowerCase(Locale.ROOT));
        };
    }

    /** Whether {@code chat} (a chat's JID) is one this selector names. */
    public boolean matches(String chat) {
        String jid = chat.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case GROUPS -> jid.endsWith("@g.us");
            case DIRECT -> jid.endsWith("@s.whatsapp.net") || jid.endsWith("@lid") || jid.endsWith("@c.us");
            case STATUS -> jid.equals(STATUS_BROADCAST);
            case NEWSLETTERS -> jid.endsWith("@newsletter");
            case JID -> jid.equals(value);
        };
    }
}
