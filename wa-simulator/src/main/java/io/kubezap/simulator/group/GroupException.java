package io.kubezap.simulator.group;

/**
 * A group request WhatsApp refuses, with the IQ error code its server answers: 400 bad request,
 * 401 not a participant, 403 not an admin, 404 no such group (or invite code), 406 not acceptable.
 */
public final class GroupException extends RuntimeException {
    private final int code;

    public GroupException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The {@code text} WhatsApp puts next to the code. */
    public String text() {
        return switch (code) {
            case 400 -> "bad-request";
            case 401 -> "not-authorized";
            case 403 -> "forbidden";
            case 404 -> "item-not-found";
            default -> "not-acceptable";
        };
    }
}
