package io.kubezap.session.disappearing;

import java.time.Instant;

/**
 * How long messages last: in one chat ({@code chat}), or by default in the chats the account starts ({@code chat} null).
 * {@code ephemeralExpiration} in seconds, 0 when they stay (the name Baileys, Evolution API and Green API give it);
 * {@code setBy} and {@code setAt}: who changed it last and when (null while never changed).
 */
public record DisappearingTimer(String chat, int ephemeralExpiration, boolean disappearingMessagesInChat, String setBy,
                                Instant setAt) {

    static DisappearingTimer of(String chat, int seconds, String setBy, Instant setAt) {
        return new DisappearingTimer(chat, seconds, seconds > 0, setBy, setAt);
    }
}
