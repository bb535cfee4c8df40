package io.kubezap.session.engine;

/**
 * A message to a group that WhatsApp refused (its ack carried an error), by its cause as the user reads it: the group
 * lets only its admins send and the account is not one ({@value #ADMINS_ONLY}), or another error code. Not retried:
 * WhatsApp refuses it again until an admin changes the group or the account.
 */
public final class GroupPostRefusal {

    /** The reason of a refusal in a group where only admins send ({@code announce}). */
    public static final String ADMINS_ONLY = "group-admins-only";

    private GroupPostRefusal() {
    }

    /** The failure for the refusal named {@code reason}: {@value #ADMINS_ONLY}, or {@code error-<code>}. */
    public static SendFailedException of(String reason) {
        return new SendFailedException(reason + ": " + (ADMINS_ONLY.equals(reason)
                ? "WhatsApp refused the message: only admins can send to this group, and the account is not one of its admins"
                : "WhatsApp refused the message to the group (" + reason + ")"), false, null);
    }
}
