package io.kubezap.session.engine;

/**
 * WhatsApp refused a group request: 401 not an admin, 403 not a participant, 404 no such group, 406 no such invite
 * code, 409 already a participant, 410 a revoked invite code, 400 bad request.
 */
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
