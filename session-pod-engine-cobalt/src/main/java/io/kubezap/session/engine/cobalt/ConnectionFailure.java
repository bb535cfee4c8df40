package io.kubezap.session.engine.cobalt;

/** Why WhatsApp ended (or refused) a connection, as read from a {@code failure} or {@code stream:error} node. */
public record ConnectionFailure(Kind kind, String reason, String message) {

    public enum Kind {
        /** The device was unlinked: credentials are dead, pairing must start over. */
        LOGGED_OUT,
        /** The account is banned or blocked: reconnecting would not help. */
        BANNED,
        /** The server asks for a new connection at once (stream:error 515, e.g. right after pairing); not an error. */
        RESTART,
        /**
         * WhatsApp refused the announced WhatsApp Web version as outdated ({@code failure 405}): the link stands; retry
         * with backoff, announcing the version WhatsApp Web announces now.
         */
        OUTDATED,
        /** A drop worth retrying with backoff. */
        TRANSIENT
    }
}
