package io.kubezap.cobalt.media;

import java.io.IOException;

/** The media host sent more than the message declared (or than the configured limit): the download stopped there. */
public final class MediaTooLongException extends IOException {

    public MediaTooLongException(long maxBytes) {
        super("the media host sent more than " + maxBytes + " bytes, the most expected (the declared size, within the configured limit)");
    }
}
