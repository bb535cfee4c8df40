package io.kubezap.session.engine;

/**
 * A one-to-one message WhatsApp still refused (error 463) after the engine fetched a fresh privacy token, by its cause as
 * the user reads it: the account's reach-out restriction ("timelock"), its new-chat cap, or no token for the contact.
 * Not retried: each try counts as another reach-out (Baileys 7's and WA Web's reading of 463).
 */
public final class PrivacyTokenRefusal {

    private PrivacyTokenRefusal() {
    }

    /** The failure for the refusal named {@code reason} ({@code reachout-timelocked}, {@code new-chat-limit}, {@code missing-privacy-token}). */
    public static SendFailedException of(String reason) {
        return new SendFailedException(reason + ": " + switch (reason) {
            case "reachout-timelocked" -> "WhatsApp refused the message (error 463): the account is under a reach-out"
                    + " restriction and may not start new chats until it ends";
            case "new-chat-limit" -> "WhatsApp refused the message (error 463): the account has used its new-chat quota"
                    + " for this cycle";
            case "missing-privacy-token" -> "WhatsApp refused the message (error 463): no privacy token for this contact,"
                    + " and none was given when the session asked for one";
            default -> "WhatsApp refused the message (" + reason + ")";
        }, false, null);
    }
}
