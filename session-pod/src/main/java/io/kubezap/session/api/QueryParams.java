package io.kubezap.session.api;

import io.kubezap.session.jid.Jid;
import io.kubezap.session.problem.ApiException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/** Parses query parameters; anything wrong becomes a 400 problem naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int limit(String raw, int defaultLimit, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("limit", "must be a whole number from 1 to " + max + ", got '" + raw + "'");
    }

    public static Optional<String> text(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    public static Optional<String> jid(String name, String raw) {
        return text(raw).map(value -> parsed(name, value, v -> Jid.parse(v).toString(), null));
    }

    public static Optional<Instant> instant(String name, String raw) {
        return text(raw).map(value -> parsed(name, value, Instant::parse,
                "must be an ISO-8601 instant such as 2026-11-21T05:00:00Z"));
    }

    public static <T> Optional<T> oneOf(String name, String raw, Function<String, Optional<T>> lookup, String allowed) {
        return text(raw).map(value -> lookup.apply(value)
                .orElseThrow(() -> ApiException.invalid(name, "must be one of " + allowed + ", got '" + value + "'")));
    }

    /** Applies {@code parser}; a failure is reported with {@code message}, or the parser's own when null. */
    public static <T> T parsed(String name, String value, Function<String, T> parser, String message) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.invalid(name, message != null ? message : e.getMessage());
        }
    }
}
