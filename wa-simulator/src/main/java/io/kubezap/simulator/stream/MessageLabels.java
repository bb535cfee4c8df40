package io.kubezap.simulator.stream;

/**
 * How the server labels a message from a phone: its {@code type} ({@code text}, {@code media}, {@code reaction},
 * {@code poll}), the {@code mediatype} of its {@code enc} for media (including {@code location}, {@code vcard} and
 * {@code contact_array}), and {@code edit} for an edit ("1") or a deletion for everyone ("7").
 */
public record MessageLabels(String type, String mediaType, String edit) {

    public static MessageLabels text() {
        return new MessageLabels("text", null, null);
    }
}
