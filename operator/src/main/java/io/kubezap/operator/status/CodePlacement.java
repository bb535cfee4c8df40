package io.kubezap.operator.status;

/**
 * Where the code that links a phone is shown besides the session's pairing Secret: in the status too (the design's
 * default: {@code kubectl get was -o yaml} shows it), or nowhere else, for clusters whose {@code view} users, who read
 * every resource of a namespace but no Secret, must not be able to link their own phone to a session.
 */
public enum CodePlacement {
    STATUS_AND_SECRET,
    SECRET_ONLY;

    /** The operator's setting {@code kubezap.session.pairing-codes-in-status}. */
    public static CodePlacement of(boolean inStatus) {
        return inStatus ? STATUS_AND_SECRET : SECRET_ONLY;
    }
}
