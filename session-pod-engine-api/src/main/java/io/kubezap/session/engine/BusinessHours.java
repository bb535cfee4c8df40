package io.kubezap.session.engine;

import java.util.List;

/**
 * A business's opening hours as WhatsApp Business keeps them: a time zone ({@code America/Sao_Paulo}) and a day each
 * ({@code sun} … {@code sat}) with its {@code mode}: {@code specific_hours} (from {@code openTime} to {@code closeTime},
 * minutes after midnight), {@code open_24h} or {@code appointment_only}.
 */
public record BusinessHours(String timezone, List<OpeningDay> days) {
    public BusinessHours {
        days = days == null ? List.of() : List.copyOf(days);
    }

    public record OpeningDay(String day, String mode, Integer openTime, Integer closeTime) {
    }
}
