package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.contract.AccountRestrictions;
import io.kubezap.operator.events.Reason;

import java.time.Instant;
import java.util.Optional;

import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_RESTRICTED;

/**
 * {@code Restricted}: True while the account's restrictions, as the pod last heard them from WhatsApp, keep it from
 * starting new chats (a reach-out timelock not yet over, or a used-up new-chat quota), the end named in the message; False
 * once they no longer do, after having been True; absent for a session never restricted, kept while the pod has not
 * heard (reconnecting).
 */
final class RestrictedCondition {

    private RestrictedCondition() {
    }

    static Optional<Condition> of(Conditions conditions, AccountRestrictions restrictions, Instant now) {
        if (restrictions == null) {
            return conditions.kept(CONDITION_RESTRICTED);
        }
        String reason = restrictions.restrictedBecause(now);
        if (AccountRestrictions.REACHOUT_TIMELOCKED.equals(reason)) {
            var timelock = restrictions.reachoutTimelock();
            return Optional.of(conditions.of(CONDITION_RESTRICTED, true, Reason.ReachoutTimelocked.name(),
                    "WhatsApp put the account under a reach-out restriction (" + timelock.enforcementType() + ") until "
                            + (timelock.timeEnforcementEnds() == null ? "further notice" : timelock.timeEnforcementEnds())
                            + ": a first message to anyone it has no chat with fails with reachout-timelocked; existing chats go on"));
        }
        if (AccountRestrictions.NEW_CHAT_LIMIT_REACHED.equals(reason)) {
            var cap = restrictions.newChatMessageCap();
            return Optional.of(conditions.of(CONDITION_RESTRICTED, true, Reason.NewChatLimitReached.name(),
                    "the account started " + cap.usedQuota() + " of the " + cap.totalQuota() + " new chats WhatsApp allows"
                            + " in this cycle (until " + cap.cycleEndsAt() + "): a first message to anyone it has no chat with"
                            + " fails with new-chat-limit; existing chats go on"));
        }
        return conditions.kept(CONDITION_RESTRICTED).map(previous -> conditions.of(CONDITION_RESTRICTED, false,
                Reason.NotRestricted.name(), "WhatsApp lets the account start new chats"));
    }
}
