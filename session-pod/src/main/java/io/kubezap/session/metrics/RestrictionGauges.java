package io.kubezap.session.metrics;

import io.kubezap.contract.AccountRestrictions;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * What WhatsApp lets the account start, as series (NaN until WhatsApp told it): {@code kubezap_session_reachout_timelocked}
 * (1 while the reach-out restriction lasts), {@code kubezap_session_reachout_timelock_end_timestamp_seconds} and
 * {@code kubezap_session_new_chat_quota_remaining} (NaN without a quota). The chart's alerts read the first and the last.
 */
final class RestrictionGauges {

    private RestrictionGauges() {
    }

    // each name written at its builder, where the chart's MonitoredSeriesTest reads the series the alerts may use
    static void register(PrometheusRegistry registry, SessionStateSource state) {
        GaugeWithCallback.builder().name("kubezap_session_reachout_timelocked")
                .help("1 while WhatsApp keeps the account from starting new chats (reach-out timelock), else 0")
                .callback(told(state, known -> known.reachoutTimelock() == null ? Double.NaN
                        : known.reachoutTimelock().activeAt(Instant.now()) ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder().name("kubezap_session_reachout_timelock_end_timestamp_seconds")
                .help("When the account's reach-out timelock ends, in seconds since the epoch")
                .callback(told(state, known -> known.reachoutTimelock() == null || !known.reachoutTimelock().active()
                        || known.reachoutTimelock().timeEnforcementEnds() == null
                        ? Double.NaN : known.reachoutTimelock().timeEnforcementEnds().getEpochSecond()))
                .register(registry);
        GaugeWithCallback.builder().name("kubezap_session_new_chat_quota_remaining")
                .help("New chats the account may still start in WhatsApp's current cycle")
                .callback(told(state, known -> known.newChatMessageCap() == null || known.newChatMessageCap().remainingQuota() == null
                        ? Double.NaN : known.newChatMessageCap().remainingQuota()))
                .register(registry);
    }

    private static Consumer<GaugeWithCallback.Callback> told(SessionStateSource state, ToDoubleFunction<AccountRestrictions> value) {
        return series -> {
            AccountRestrictions known = state.current().restrictions();
            series.call(known == null ? Double.NaN : value.applyAsDouble(known));
        };
    }
}
