package io.kubezap.simulator.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What WhatsApp lets an account start: a reach-out restriction ("timelock", until an end time) forbids new chats while
 * existing ones go on, and a new-chat cap counts the chats it opens per cycle. Clients read both through {@code w:mex}
 * ({@code xwa2_fetch_account_reachout_timelock}, {@code xwa2_message_capping_info}: Baileys 7 rc14
 * {@code fetchAccountReachoutTimelock}, {@code fetchNewChatMessageCap}).
 */
final class ReachOutLimits {
    /** A cycle of the new-chat cap: WhatsApp's is a month; the quota restarts after it. */
    static final long CYCLE_SECONDS = 30L * 24 * 3600;
    /** The persisted query ids Baileys 7 rc14 sends ({@code QueryIds.REACHOUT_TIMELOCK}, {@code MESSAGE_CAPPING_INFO}). */
    static final String TIMELOCK_QUERY = "23983697327930364";
    static final String CAPPING_QUERY = "24503548349331633";

    private final Clock clock;
    private final ReachOutNotices notices;
    private final Map<String, Instant> timelocks = new ConcurrentHashMap<>();
    private final Map<String, Cap> caps = new ConcurrentHashMap<>();

    ReachOutLimits(Clock clock, ReachOutNotices notices) {
        this.clock = clock;
        this.notices = notices;
    }

    /** An account's new-chat quota for the cycle that started at {@code cycleStart}. */
    record Cap(int total, int used, Instant cycleStart) {
    }

    void timelock(String account, Instant until) {
        timelocks.put(account, until);
        notices.timelockChanged(account, timelockedUntil(account));
    }

    void lift(String account) {
        timelocks.remove(account);
        notices.timelockChanged(account, Optional.empty());
    }

    /** The end of the account's reach-out restriction, while it lasts. */
    Optional<Instant> timelockedUntil(String account) {
        return Optional.ofNullable(timelocks.get(account)).filter(end -> end.isAfter(clock.instant()));
    }

    void cap(String account, int total) {
        var cap = new Cap(total, 0, clock.instant());
        caps.put(account, cap);
        notices.capChanged(account, cap);
    }

    /** The account's quota now; empty when it has no cap. */
    Optional<Cap> cap(String account) {
        return Optional.ofNullable(caps.computeIfPresent(account, (number, cap) ->
                clock.instant().isAfter(cap.cycleStart().plusSeconds(CYCLE_SECONDS)) ? new Cap(cap.total(), 0, clock.instant()) : cap));
    }

    /** Takes one new chat from the account's quota; false when the account may not start one now. */
    boolean startChat(String account) {
        if (timelockedUntil(account).isPresent()) {
            return false;
        }
        var allowed = new boolean[]{true};
        cap(account).ifPresent(current -> caps.computeIfPresent(account, (number, cap) -> {
            allowed[0] = cap.used() < cap.total();
            return allowed[0] ? new Cap(cap.total(), cap.used() + 1, cap.cycleStart()) : cap;
        }));
        if (allowed[0]) {
            cap(account).ifPresent(counted -> notices.capChanged(account, counted));
        }
        return allowed[0];
    }

    /** Answers the account's {@code w:mex} queries of its restriction and its quota; empty for any other IQ. */
    Optional<Node> answer(Optional<Jid> device, Node iq) {
        var queryId = iq.findChild("query").map(query -> query.attributes().getString("query_id", "")).orElse("");
        if (device.isEmpty() || !"w:mex".equals(iq.attributes().getString("xmlns", ""))
                || !(queryId.equals(TIMELOCK_QUERY) || queryId.equals(CAPPING_QUERY))) {
            return Optional.empty();
        }
        var account = device.get().user();
        var json = ChannelJson.JSON.createObjectNode();
        var data = json.putObject("data");
        if (queryId.equals(TIMELOCK_QUERY)) {
            describeTimelock(data.putObject("xwa2_fetch_account_reachout_timelock"), timelockedUntil(account));
        } else {
            describeCap(data.putObject("xwa2_message_capping_info"), cap(account), clock.instant());
        }
        return Optional.of(ServerNodes.result(iq, Node.of("result", json.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** The restriction as WhatsApp's query answer and notification both describe it. */
    static void describeTimelock(ObjectNode timelock, Optional<Instant> until) {
        timelock.put("is_active", until.isPresent());
        timelock.put("time_enforcement_ends", until.map(end -> String.valueOf(end.getEpochSecond())).orElse("0"));
        timelock.put("enforcement_type", until.isPresent() ? "BIZ_QUALITY" : "DEFAULT");
    }

    /** The quota as WhatsApp's query answer and notification both describe it; {@code NONE} with no cap. */
    static void describeCap(ObjectNode capping, Optional<Cap> quota, Instant now) {
        quota.ifPresentOrElse(cap -> {
            capping.put("total_quota", cap.total());
            capping.put("used_quota", cap.used());
            capping.put("cycle_start_timestamp", String.valueOf(cap.cycleStart().getEpochSecond()));
            capping.put("cycle_end_timestamp", String.valueOf(cap.cycleStart().getEpochSecond() + CYCLE_SECONDS));
            capping.put("capping_status", cap.used() >= cap.total() ? "CAPPED" : "NONE");
        }, () -> capping.put("capping_status", "NONE"));
        capping.put("server_sent_timestamp", String.valueOf(now.getEpochSecond()));
    }
}
