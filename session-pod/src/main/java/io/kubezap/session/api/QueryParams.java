package io.kubezap.session.api;

import io.kubezap.session.jid.Addresses;
import io.kubezap.session.problem.ApiException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parses query parameters; anything wrong becomes a 400 problem naming the parameter. */
public final class QueryParams {

    private static final Pattern ASCII_NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Instant FIRST_STORABLE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST_STORABLE = Instant.parse("+10000-01-01T00:00:00Z");

    private QueryParams() {
    }

    public static int limit(String raw, int defaultLimit, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        String trimmed = raw.trim();
        // Integer.parseInt also takes Arabic-Indic, fullwidth and other Unicode digits
        if (ASCII_NUMBER.matcher(trimmed).matches()) {
            int limit = Integer.parseInt(trimmed);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw ApiException.invalid("limit", "must be a whole number from 1 to " + max + ", got '" + raw + "'");
    }

    /** How many items a page skips: 0 when absent. */
    public static int offset(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        if (ASCII_NUMBER.matcher(raw.trim()).matches()) {
            return Integer.parseInt(raw.trim());
        }
        throw ApiException.invalid("offset", "must be a whole number from 0, got '" + raw + "'");
    }

    public static Optional<String> text(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    public static Optional<String> jid(String name, String raw) {
        return text(raw).map(value -> parsed(name, value, Addresses::parseCanonical, null));
    }

    public static Optional<Instant> instant(String name, String raw) {
        String message = "must be an ISO-8601 instant from year 1 to 9999, such as 2026-11-21T05:00:00Z";
        return text(raw).map(value -> parsed(name, value, QueryParams::storableInstant, message));
    }

    /** {@code true} or {@code false}; anything else is a 400. */
    public static Optional<Boolean> bool(String name, String raw) {
        return oneOf(name, raw, value -> switch (value) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        }, "true, false");
    }

    /** A phone number or JID that must be there: blank is a 400, never "no filter". */
    public static String requiredJid(String name, String raw) {
        return jid(name, raw).orElseThrow(() -> ApiException.invalid(name, "must be a phone number or JID, got nothing"));
    }

    private static Instant storableInstant(String value) {
        Instant instant = Instant.parse(value);
        if (instant.isBefore(FIRST_STORABLE) || !instant.isBefore(AFTER_LAST_STORABLE)) {
            throw new IllegalArgumentException("out of range");
        }
        return instant;
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
