package io.kubezap.simulator.group;

/**
 * A group request WhatsApp refuses, with the IQ error code its server answers: 400 bad request,
 * 401 not an admin (not-authorized), 403 not a participant (forbidden), 404 no such group, 406 no such invite code,
 * 409 already a participant, 410 a revoked invite code (whatsmeow reads 403 on a group query as "not in group").
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
            case 409 -> "conflict";
            case 410 -> "gone";
            default -> "not-acceptable";
        };
    }
}
