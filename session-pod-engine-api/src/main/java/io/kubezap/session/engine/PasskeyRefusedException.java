package io.kubezap.session.engine;

/** WhatsApp refused the passkey assertion: {@link Cause#WRONG} (not the account's passkey, or not for this challenge) or {@link Cause#EXPIRED}. */
public final class PasskeyRefusedException extends RuntimeException {

    public enum Cause { WRONG, EXPIRED, NOT_WAITING }

    private final Cause cause;

    public PasskeyRefusedException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public Cause refusal() {
        return cause;
    }
}
