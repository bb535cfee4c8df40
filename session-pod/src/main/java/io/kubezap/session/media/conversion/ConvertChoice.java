package io.kubezap.session.media.conversion;

/**
 * The send's {@code convert} option (WAHA's name for it): absent, the pod converts only what would not play; true,
 * it always re-encodes (a voice note or video); false, it never does and sends the file as given, with its details.
 */
public enum ConvertChoice {
    AS_NEEDED, ALWAYS, NEVER;

    public static ConvertChoice of(Boolean convert) {
        return convert == null ? AS_NEEDED : convert ? ALWAYS : NEVER;
    }
}
