package io.kubezap.simulator.phone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An account's privacy settings as WhatsApp keeps them: a value per category, each category taking only the values
 * WhatsApp offers for it (a new account shows everything to everyone, its about to contacts).
 */
public final class PrivacySettings {

    private static final List<String> WHO = List.of("all", "contacts", "contact_blacklist", "none");

    /** The categories in the order WhatsApp lists them, with the values each takes. */
    private static final Map<String, List<String>> VALUES = ordered(
            "last", WHO,
            "online", List.of("all", "match_last_seen"),
            "profile", WHO,
            "status", WHO,
            "groupadd", List.of("all", "contacts", "contact_blacklist"),
            "readreceipts", List.of("all", "none"),
            "calladd", List.of("all", "known"),
            "messages", List.of("all", "contacts"));

    private final Map<String, String> values = new ConcurrentHashMap<>(Map.of(
            "last", "all", "online", "all", "profile", "all", "status", "contacts", "groupadd", "all",
            "readreceipts", "all", "calladd", "all", "messages", "all"));

    /** Every category with its value, in WhatsApp's order. */
    public Map<String, String> all() {
        var ordered = new LinkedHashMap<String, String>();
        VALUES.keySet().forEach(category -> ordered.put(category, values.get(category)));
        return ordered;
    }

    public String get(String category) {
        return values.get(category);
    }

    /**
     * @throws IllegalArgumentException when WhatsApp has no such category, or the category takes no such value
     */
    public void set(String category, String value) {
        var allowed = VALUES.get(category);
        if (allowed == null) {
            throw new IllegalArgumentException("no privacy category " + category);
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("privacy category " + category + " takes " + allowed + ", not " + value);
        }
        values.put(category, value);
    }

    /**
     * Whether what {@code category} guards is shown to someone: to everyone ({@code all}), to the owner's saved contacts
     * ({@code contacts}; {@code contact_blacklist} too, its exclusions being kept on the phone), or to nobody.
     */
    public boolean shows(String category, boolean toAContact) {
        return switch (values.getOrDefault(category, "all")) {
            case "all" -> true;
            case "contacts", "contact_blacklist" -> toAContact;
            default -> false;
        };
    }

    private static Map<String, List<String>> ordered(Object... categoriesAndValues) {
        var map = new LinkedHashMap<String, List<String>>();
        for (var i = 0; i < categoriesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked") var allowed = (List<String>) categoriesAndValues[i + 1];
            map.put((String) categoriesAndValues[i], allowed);
        }
        return map;
    }
}
