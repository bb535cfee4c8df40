package io.kubezap.session.engine;

import io.kubezap.contract.AccountRestrictions;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** WhatsApp's own words for the account's restrictions, as its answers and notices carry them (numbers as strings or not). */
class WhatsAppRestrictionsTest {

    @Test
    void aTimelockNoticeAsWhatsAppSendsItGivesItsEndAndLeavesTheQuotaUntold() {
        var told = WhatsAppRestrictions.fromMex("""
                {"data":{"xwa2_notify_account_reachout_timelock":{"enforcement_type":"RESTRICT_ALL_COMPANIONS",
                "is_active":true,"time_enforcement_ends":"1786218427"}}}""").orElseThrow();

        assertThat(told.reachoutTimelock()).isEqualTo(new AccountRestrictions.ReachoutTimelock(true,
                Instant.ofEpochSecond(1786218427), "RESTRICT_ALL_COMPANIONS"));
        assertThat(told.newChatMessageCap()).as("untold: kept as it was").isNull();
    }

    @Test
    void aLiftedTimelockHasNoEnd() {
        var told = WhatsAppRestrictions.fromMex("""
                {"data":{"xwa2_fetch_account_reachout_timelock":{"is_active":false,"time_enforcement_ends":"0","enforcement_type":"DEFAULT"}}}""")
                .orElseThrow();

        assertThat(told.reachoutTimelock()).isEqualTo(new AccountRestrictions.ReachoutTimelock(false, null, "DEFAULT"));
        assertThat(told.restrictedBecause(Instant.now())).isNull();
    }

    @Test
    void aCapWithQuotasAsStringsOrNumbersCountsWhatIsLeft() {
        var told = WhatsAppRestrictions.fromMex("""
                {"data":{"xwa2_notify_new_chat_messages_capping_info_update":{"capping_status":"CAPPED","used_quota":"5",
                "total_quota":5,"cycle_end_timestamp":"1800000000"}}}""").orElseThrow();

        assertThat(told.newChatMessageCap()).isEqualTo(new AccountRestrictions.NewChatMessageCap("CAPPED", 5, 5, 0,
                Instant.ofEpochSecond(1800000000)));
        assertThat(told.restrictedBecause(Instant.now())).isEqualTo(AccountRestrictions.NEW_CHAT_LIMIT_REACHED);
    }

    @Test
    void anotherMexDocumentOrGarbageTellsNothing() {
        assertThat(WhatsAppRestrictions.fromMex("{\"data\":{\"xwa2_newsletter_join\":{}}}")).isEmpty();
        assertThat(WhatsAppRestrictions.fromMex("not json")).isEmpty();
    }
}
