package io.kubezap.gateway.auth;

import io.kubezap.gateway.problem.GatewayException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a gateway key stops being accepted: the key Secret's optional {@value #FIELD} (RFC 3339, e.g.
 * {@code 2027-03-01T00:00:00Z}). A value that is not a time fails closed: the key is refused, saying why.
 */
record KeyExpiry(String keyName, Optional<Instant> expiresAt, String unreadable) {

    static final String FIELD = "expiresAt";

    static KeyExpiry of(String keyName, String value) {
        if (value == null || value.isBlank()) {
            return new KeyExpiry(keyName, Optional.empty(), null);
        }
        try {
            return new KeyExpiry(keyName, Optional.of(OffsetDateTime.parse(value.trim()).toInstant()), null);
        } catch (DateTimeParseException e) {
            return new KeyExpiry(keyName, Optional.empty(), value);
        }
    }

    /** Throws 401 {@code key-expired} past the expiry, or when the expiry cannot be read. */
    void requireValidAt(Instant now) {
        if (unreadable != null) {
            throw new GatewayException(401, "key-expired", "API key expired", "gateway key " + keyName + " has "
                    + FIELD + " \"" + unreadable + "\", which is not an RFC 3339 time: it is refused until fixed");
        }
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            throw new GatewayException(401, "key-expired", "API key expired",
                    "gateway key " + keyName + " expired at " + expiresAt.get() + ": use its replacement");
        }
    }
}
