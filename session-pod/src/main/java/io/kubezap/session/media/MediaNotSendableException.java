package io.kubezap.session.media;

/** The file of a queued media send cannot be had (URL unreachable or refused, wrong type, gone): the send fails. */
public class MediaNotSendableException extends Exception {

    public MediaNotSendableException(String reason) {
        super(reason);
    }
}
