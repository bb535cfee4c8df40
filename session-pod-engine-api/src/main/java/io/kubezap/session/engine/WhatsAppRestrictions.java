package io.kubezap.session.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.AccountRestrictions;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads what WhatsApp tells of the account's restrictions, in its own field names, into the contract's
 * {@link AccountRestrictions}: the {@code w:mex} answers ({@code xwa2_fetch_account_reachout_timelock},
 * {@code xwa2_message_capping_info}) and notifications ({@code xwa2_notify_account_reachout_timelock},
 * {@code xwa2_notify_new_chat_messages_capping_info_update}) carry the same fields, numbers as strings or not.
 */
public final class WhatsAppRestrictions {

    /** The persisted query ids WA Web (and Baileys 7 rc14) sends for the two questions. */
    public static final String TIMELOCK_QUERY = "23983697327930364";
    public static final String CAPPING_QUERY = "24503548349331633";
    public static final String TIMELOCK_NOTICE = "NotificationUserReachoutTimelockUpdate";
    public static final String CAPPING_NOTICE = "MessageCappingInfoNotification";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WhatsAppRestrictions() {
    }

    /** What a {@code w:mex} answer's or notification's JSON document ({@code {"data": {…}}}) tells; empty for others. */
    public static Optional<AccountRestrictions> fromMex(String document) {
        JsonNode data;
        try {
            data = JSON.readTree(document).path("data");
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        JsonNode timelock = first(data, "xwa2_fetch_account_reachout_timelock", "xwa2_notify_account_reachout_timelock");
        JsonNode capping = first(data, "xwa2_message_capping_info", "xwa2_notify_new_chat_messages_capping_info_update");
        if (timelock == null && capping == null) {
            return Optional.empty();
        }
        return Optional.of(of(timelock, capping));
    }

    /** The parts WhatsApp's objects tell (a null object: that part untold). */
    public static AccountRestrictions of(JsonNode timelock, JsonNode capping) {
        return new AccountRestrictions(timelock == null || !timelock.isObject() ? null : timelock(timelock),
                capping == null || !capping.isObject() ? null : cap(capping));
    }

    private static AccountRestrictions.ReachoutTimelock timelock(JsonNode payload) {
        boolean active = payload.path("is_active").asBoolean(false);
        Instant ends = epochSeconds(payload.path("time_enforcement_ends"));
        String type = payload.path("enforcement_type").asText("");
        return new AccountRestrictions.ReachoutTimelock(active, active ? ends : null,
                type.isEmpty() ? "DEFAULT" : type);
    }

    private static AccountRestrictions.NewChatMessageCap cap(JsonNode payload) {
        Integer total = count(payload.path("total_quota"));
        Integer used = count(payload.path("used_quota"));
        String status = payload.path("capping_status").asText("");
        return AccountRestrictions.NewChatMessageCap.of(status.isEmpty() ? "NONE" : status, total, used,
                total == null ? null : epochSeconds(payload.path("cycle_end_timestamp")));
    }

    private static JsonNode first(JsonNode data, String... fields) {
        for (String field : fields) {
            if (data.path(field).isObject()) {
                return data.path(field);
            }
        }
        return null;
    }

    private static Integer count(JsonNode value) {
        Long number = number(value);
        return number == null || number < 0 || number > Integer.MAX_VALUE ? null : number.intValue();
    }

    private static Instant epochSeconds(JsonNode value) {
        Long seconds = number(value);
        return seconds == null || seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }

    private static Long number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        String text = value.asText("");
        return text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }
}
