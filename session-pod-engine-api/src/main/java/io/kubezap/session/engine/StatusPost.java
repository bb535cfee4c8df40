package io.kubezap.session.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A status (story): posted to {@code status@broadcast}, seen by {@code audience} (user JIDs; the people the account
 * chose, or its saved contacts), a text one drawn on {@code backgroundColor} ({@code #AARRGGBB}) in {@code font}
 * (WhatsApp's font number, 0–5). An incoming status has no audience.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StatusPost(String backgroundColor, Integer font, List<String> audience) {

    public static final String BROADCAST = "status@broadcast";

    public StatusPost {
        audience = audience == null ? List.of() : List.copyOf(audience);
    }

    /** The colour as WhatsApp carries it ({@code backgroundArgb}); null when none. */
    @JsonIgnore
    public Integer backgroundArgb() {
        return backgroundColor == null ? null : Integer.parseUnsignedInt(backgroundColor.substring(1), 16);
    }

    public static String color(int argb) {
        return String.format("#%08X", argb);
    }

    public static boolean isStatus(String chatJid) {
        return BROADCAST.equals(chatJid);
    }
}
