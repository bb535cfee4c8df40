package io.kubezap.session.engine;

/** WhatsApp refused a group request: 401 not a participant, 403 not an admin, 404 no such group, 400 bad request. */
public class GroupRefusedException extends RuntimeException {
    private final int code;

    public GroupRefusedException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
