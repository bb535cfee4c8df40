package io.kubezap.cobalt.media;

import java.io.IOException;

/** A media URL that is not on WhatsApp's media hosts, or a redirect off them: nothing was requested. */
public final class MediaHostRefusedException extends IOException {

    public MediaHostRefusedException(String message) {
        super(message);
    }
}
