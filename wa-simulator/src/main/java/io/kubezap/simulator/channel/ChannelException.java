package io.kubezap.simulator.channel;

/**
 * A channel request WhatsApp refuses, with the code its server answers (in a GraphQL error's {@code error_code}, an IQ
 * error or a nacked message): 400 bad request, 403 not allowed (only the owner posts or edits), 404 no such channel or
 * message.
 */
public final class ChannelException extends RuntimeException {
    private final int code;

    public ChannelException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
