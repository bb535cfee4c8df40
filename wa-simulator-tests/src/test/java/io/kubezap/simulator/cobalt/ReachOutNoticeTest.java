package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WhatsApp tells an account's linked devices when its reach-out restriction or its new-chat quota changes, with a
 * {@code mex} notification (Baileys 7 rc14 {@code handleMexNotification}, whatsmeow {@code NotifyAccountReachoutTimelock}).
 */
@Timeout(120)
class ReachOutNoticeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aTimelockAndItsLiftingAreNotifiedToTheAccountsCompanions() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var until = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

        assertThat(control.put("/api/phones/" + shop + "/timelock", Map.of("until", until.toString())).status()).isEqualTo(200);

        var set = notified(client, "NotificationUserReachoutTimelockUpdate", 1).getLast().path("xwa2_notify_account_reachout_timelock");
        assertThat(set.path("is_active").asBoolean()).as("notice %s", set).isTrue();
        assertThat(set.path("time_enforcement_ends").asText()).isEqualTo(String.valueOf(until.getEpochSecond()));
        assertThat(set.path("enforcement_type").asText()).isNotEqualTo("DEFAULT");

        var lift = new HashMap<String, Object>();
        lift.put("until", null);
        assertThat(control.put("/api/phones/" + shop + "/timelock", lift).status()).isEqualTo(200);

        var lifted = notified(client, "NotificationUserReachoutTimelockUpdate", 2).getLast().path("xwa2_notify_account_reachout_timelock");
        assertThat(lifted.path("is_active").asBoolean()).as("notice %s", lifted).isFalse();
        assertThat(lifted.path("enforcement_type").asText()).isEqualTo("DEFAULT");
        client.api.disconnect().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aNewChatCapIsNotifiedWithItsQuota() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);

        assertThat(control.put("/api/phones/" + shop + "/capping", Map.of("total", 0)).status()).isEqualTo(200);

        var cap = notified(client, "MessageCappingInfoNotification", 1).getLast().path("xwa2_notify_new_chat_messages_capping_info_update");
        assertThat(cap.path("total_quota").asInt(-1)).as("notice %s", cap).isZero();
        assertThat(cap.path("used_quota").asInt(-1)).isZero();
        assertThat(cap.path("capping_status").asText()).isEqualTo("CAPPED");
        assertThat(cap.path("cycle_end_timestamp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        client.api.disconnect().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The {@code data} of the first {@code count} mex notifications named {@code operation} the client received. */
    private static List<JsonNode> notified(CobaltClient client, String operation, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> client.nodesReceived.stream()
                .filter(node -> node.hasDescription("notification") && "mex".equals(node.attributes().getString("type", "")))
                .flatMap(node -> node.findChild("update").stream())
                .filter(update -> operation.equals(update.attributes().getString("op_name", "")))
                .map(ReachOutNoticeTest::data)
                .toList(), notices -> notices.size() >= count);
    }

    private static JsonNode data(Node update) {
        try {
            return JSON.readTree(new String(update.contentAsBytes().orElseThrow(), StandardCharsets.UTF_8)).path("data");
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
