package io.kubezap.session.media;

import java.io.IOException;

/** A file passed the size limit of its kind while it was being read. */
public class MediaTooLargeException extends IOException {

    private final long limit;

    public MediaTooLargeException(long limit) {
        super("the file is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
