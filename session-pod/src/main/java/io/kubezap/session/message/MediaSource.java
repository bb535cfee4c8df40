package io.kubezap.session.message;

/**
 * Where the file of a media send is still to be fetched from, and the caller's {@code convert} option for it (true:
 * always convert, false: never, null: as its kind needs), applied once it is fetched.
 */
public record MediaSource(String url, Boolean convert) {
}
