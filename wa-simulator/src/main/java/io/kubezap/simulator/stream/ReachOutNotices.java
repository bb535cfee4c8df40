package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How WhatsApp tells an account's linked devices that its reach-out restriction or its new-chat quota changed: a
 * {@code mex} notification, {@code NotificationUserReachoutTimelockUpdate} ({@code xwa2_notify_account_reachout_timelock}
 * {@code {is_active, time_enforcement_ends, enforcement_type}}, also when it is lifted) and
 * {@code MessageCappingInfoNotification} ({@code xwa2_notify_new_chat_messages_capping_info_update}, the fields of the
 * capping query). Baileys 7 rc14 ({@code handleMexNotification}) and whatsmeow ({@code NotifyAccountReachoutTimelock})
 * read them; queued for a device that is offline, as any notification.
 */
final class ReachOutNotices {
    static final String TIMELOCK_UPDATE = "NotificationUserReachoutTimelockUpdate";
    static final String CAPPING_UPDATE = "MessageCappingInfoNotification";

    private final PhoneDirectory phones;
    private final OfflineQueue offline;
    private final Clock clock;

    ReachOutNotices(PhoneDirectory phones, OfflineQueue offline, Clock clock) {
        this.phones = phones;
        this.offline = offline;
        this.clock = clock;
    }

    void timelockChanged(String account, Optional<Instant> until) {
        var payload = ChannelJson.JSON.createObjectNode();
        ReachOutLimits.describeTimelock(payload, until);
        tell(account, ChannelNodes.mexNotification(TIMELOCK_UPDATE, "xwa2_notify_account_reachout_timelock", payload, clock.instant()));
    }

    void capChanged(String account, ReachOutLimits.Cap cap) {
        var payload = ChannelJson.JSON.createObjectNode();
        ReachOutLimits.describeCap(payload, Optional.of(cap), clock.instant());
        tell(account, ChannelNodes.mexNotification(CAPPING_UPDATE, "xwa2_notify_new_chat_messages_capping_info_update", payload,
                clock.instant()));
    }

    private void tell(String account, Node notification) {
        phones.find(account).ifPresent(phone -> phone.devices().stream()
                .filter(linked -> linked.status() == DeviceStatus.LINKED)
                .forEach(linked -> offline.deliver(linked.jid(), notification)));
    }
}
