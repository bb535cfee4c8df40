package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.time.Instant;

/**
 * What WhatsApp lets the linked account start, as it tells the account's devices (its {@code w:mex} answers and
 * notifications; Baileys 7 {@code reachoutTimeLock} and {@code message-capping.update}, whatsmeow
 * {@code NotifyAccountReachoutTimelock}): the session pod serves it as {@code GET …/account/restrictions}, announces a
 * change as {@code account.restriction}, and keeps it in the state document the operator reads (condition
 * {@code Restricted}). A part is null until WhatsApp told it.
 */
public record AccountRestrictions(
        @JsonPropertyDescription("The reach-out restriction (\"timelock\"): while active, WhatsApp refuses the account's first message to anyone it has no chat with (error 463).") ReachoutTimelock reachoutTimelock,
        @JsonPropertyDescription("The quota of new chats the account may start in the current cycle.") NewChatMessageCap newChatMessageCap) {

    /** The condition's reason while the account is under a reach-out restriction. */
    public static final String REACHOUT_TIMELOCKED = "ReachoutTimelocked";
    /** The condition's reason while the account has used its new-chat quota. */
    public static final String NEW_CHAT_LIMIT_REACHED = "NewChatLimitReached";

    public static final AccountRestrictions UNKNOWN = new AccountRestrictions(null, null);

    public record ReachoutTimelock(
            @JsonPropertyDescription("true while the restriction lasts.") boolean active,
            @JsonPropertyDescription("When it ends (RFC 3339); null when not active.") Instant timeEnforcementEnds,
            @JsonPropertyDescription("Why, as WhatsApp names it (e.g. BIZ_QUALITY, RESTRICT_ALL_COMPANIONS); DEFAULT when not active.") String enforcementType) {

        /** Active and not yet over at {@code now}. */
        public boolean activeAt(Instant now) {
            return active && (timeEnforcementEnds == null || timeEnforcementEnds.isAfter(now));
        }
    }

    public record NewChatMessageCap(
            @JsonPropertyDescription("As WhatsApp names it: NONE, FIRST_WARNING, SECOND_WARNING, or CAPPED once the quota is used up.") String cappingStatus,
            @JsonPropertyDescription("New chats the account may start in the cycle; null when WhatsApp sets no quota.") Integer totalQuota,
            @JsonPropertyDescription("New chats started in the cycle; null when WhatsApp sets no quota.") Integer usedQuota,
            @JsonPropertyDescription("New chats left in the cycle; null when WhatsApp sets no quota.") Integer remainingQuota,
            @JsonPropertyDescription("When the cycle ends and the quota starts over (RFC 3339); null when WhatsApp sets no quota.") Instant cycleEndsAt) {

        public static final String CAPPED = "CAPPED";

        /** The cap from WhatsApp's counts: what is left follows from them. */
        public static NewChatMessageCap of(String cappingStatus, Integer totalQuota, Integer usedQuota, Instant cycleEndsAt) {
            Integer remaining = totalQuota == null || usedQuota == null ? null : Math.max(0, totalQuota - usedQuota);
            return new NewChatMessageCap(cappingStatus, totalQuota, usedQuota, remaining, cycleEndsAt);
        }

        public boolean capped() {
            return CAPPED.equals(cappingStatus) || remainingQuota != null && remainingQuota == 0;
        }
    }

    /** This, with the parts {@code update} tells replacing the ones it does not (null: unchanged). */
    public AccountRestrictions updatedBy(AccountRestrictions update) {
        return new AccountRestrictions(update.reachoutTimelock != null ? update.reachoutTimelock : reachoutTimelock,
                update.newChatMessageCap != null ? update.newChatMessageCap : newChatMessageCap);
    }

    /** The reason the account may not start new chats at {@code now}: {@link #REACHOUT_TIMELOCKED}, {@link #NEW_CHAT_LIMIT_REACHED}, or null. */
    public String restrictedBecause(Instant now) {
        if (reachoutTimelock != null && reachoutTimelock.activeAt(now)) {
            return REACHOUT_TIMELOCKED;
        }
        return newChatMessageCap != null && newChatMessageCap.capped() ? NEW_CHAT_LIMIT_REACHED : null;
    }
}
