package io.kubezap.session.engine;

/** WhatsApp refused a channel request: 404 no such channel or invite, 403 not allowed (e.g. not its owner), 400 bad request. */
public class ChannelRefusedException extends RuntimeException {
    private final int code;

    public ChannelRefusedException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
