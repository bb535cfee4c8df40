package io.kubezap.session.account;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's privacy settings, with WhatsApp's names for categories and values: who sees its last seen
 * ({@code last}), online ({@code online}), profile photo ({@code profile}), about ({@code status}), who may add it to
 * groups ({@code groupadd}), whether it sends read receipts ({@code readreceipts}), who may call it ({@code calladd}).
 */
@Singleton
public class PrivacySettings {
    private static final List<String> WHO = List.of("all", "contacts", "contact_blacklist", "none");

    /** Each category WhatsApp offers, with the values it takes there. */
    static final Map<String, List<String>> VALUES = ordered(Map.entry("last", WHO),
            Map.entry("online", List.of("all", "match_last_seen")),
            Map.entry("profile", WHO),
            Map.entry("status", WHO),
            Map.entry("groupadd", List.of("all", "contacts", "contact_blacklist")),
            Map.entry("readreceipts", List.of("all", "none")),
            Map.entry("calladd", List.of("all", "known")));

    private final LinkedAccount linked;
    private final AccountEngine account;

    public PrivacySettings(LinkedAccount linked, AccountEngine account) {
        this.linked = linked;
        this.account = account;
    }

    /** As WhatsApp keeps them now. */
    public Map<String, String> read() {
        linked.require();
        return EngineCalls.await(account.privacy());
    }

    /**
     * Changes the categories given (one IQ each, in WhatsApp's order; a refusal after the first leaves the earlier ones
     * changed) and answers the settings as WhatsApp keeps them after.
     */
    public Map<String, String> change(Map<String, String> changes) {
        if (changes == null || changes.isEmpty()) {
            throw Failure.invalid("body", "give at least one of " + String.join(", ", VALUES.keySet()));
        }
        var errors = new ArrayList<FieldError>();
        changes.forEach((category, value) -> {
            var allowed = VALUES.get(category);
            if (allowed == null) {
                errors.add(new FieldError(category, "is no privacy setting; WhatsApp's are " + String.join(", ", VALUES.keySet())));
            } else if (!allowed.contains(value)) {
                errors.add(new FieldError(category, "must be one of " + String.join(", ", allowed)));
            }
        });
        if (!errors.isEmpty()) {
            throw Failure.invalid(errors);
        }
        linked.require();
        VALUES.keySet().stream().filter(changes::containsKey)
                .forEach(category -> EngineCalls.await(account.setPrivacy(category, changes.get(category))));
        return read();
    }

    @SafeVarargs
    private static Map<String, List<String>> ordered(Map.Entry<String, List<String>>... entries) {
        var map = new LinkedHashMap<String, List<String>>();
        for (var entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
