package io.kubezap.automation.autoreply;

import java.util.Map;

/** What a rule sees of an incoming message; the CEL variables of its 'when'. */
record ReplyContext(String text, String chat, String pushName, boolean firstContact, boolean withinBusinessHours) {

    Map<String, Object> variables() {
        return Map.of("text", text, "chat", chat, "pushName", pushName == null ? "" : pushName,
                "firstContact", firstContact, "withinBusinessHours", withinBusinessHours);
    }
}
