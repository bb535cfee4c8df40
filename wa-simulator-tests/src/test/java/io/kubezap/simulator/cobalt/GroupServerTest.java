package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real WhatsApp Web client (Cobalt) administers groups through the simulator's {@code w:g2} IQs and hears phones' changes. */
@Timeout(180)
class GroupServerTest {
    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();

    @Test
    void theClientCreatesAGroupAndHearsWhatAnAdminPhoneChangesInIt() throws Exception {
        var ana = Pairing.createPhone(shop.control, "Ana");
        var bia = Pairing.createPhone(shop.control, "Bia");
        var api = shop.client.api;

        var metadata = api.createGroup("Equipe", user(ana), user(bia)).get(60, TimeUnit.SECONDS).orElseThrow();
        var groupJid = metadata.jid();
        assertThat(groupJid.server()).isEqualTo(JidServer.groupOrCommunity());
        assertThat(metadata.subject()).isEqualTo("Equipe");
        var group = shop.control.get("/api/groups/" + groupJid);
        assertThat(group.status()).isEqualTo(200);
        assertThat(roles(group.body())).containsExactlyInAnyOrderEntriesOf(Map.of(shop.number, "superadmin", ana, "member", bia, "member"));

        api.promoteGroupParticipants(groupJid, user(ana)).get(60, TimeUnit.SECONDS);
        var renamed = shop.control.patch("/api/groups/" + groupJid, Map.of("from", ana, "subject", "Equipe de vendas"));
        assertThat(renamed.status()).isEqualTo(200);
        var subjectChange = awaitNotification(groupJid, "subject");
        assertThat(subjectChange.attributes().getOptionalJid("participant").orElseThrow().user()).isEqualTo(ana);
        // Cobalt answers queryGroupMetadata from its cache once it has the group: the notification carries the new subject
        assertThat(subjectChange.findChild("subject").orElseThrow().attributes().getString("subject", "")).isEqualTo("Equipe de vendas");

        var refused = shop.control.post("/api/groups/" + groupJid + "/participants",
                Map.of("from", bia, "action", "remove", "participants", List.of(ana)));
        assertThat(refused.status()).isEqualTo(403);

        var removed = shop.control.post("/api/groups/" + groupJid + "/participants",
                Map.of("from", ana, "action", "remove", "participants", List.of(shop.number)));
        assertThat(removed.body().get(0).get("status").asText()).isEqualTo("done");
        assertThat(awaitNotification(groupJid, "remove").attributes().getOptionalJid("participant").orElseThrow().user()).isEqualTo(ana);
        var readded = shop.control.post("/api/groups/" + groupJid + "/participants",
                Map.of("from", ana, "action", "add", "participants", List.of(shop.number)));
        assertThat(readded.body().get(0).get("code").asInt()).isEqualTo(200);
        awaitNotification(groupJid, "add");

        api.leaveGroup(groupJid).get(60, TimeUnit.SECONDS);
        assertThat(roles(shop.control.get("/api/groups/" + groupJid).body())).doesNotContainKey(shop.number);
        assertThat(shop.client.errors).as("Cobalt's errors").isEmpty();
    }

    private static Jid user(String number) {
        return Jid.of(number, JidServer.whatsapp());
    }

    private static Node awaitNotification(Jid group, String change) {
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> notification(group, change) != null);
        return notification(group, change);
    }

    private static Node notification(Jid group, String change) {
        return shop.client.nodesReceived.stream()
                .filter(node -> node.description().equals("notification") && "w:gp2".equals(node.attributes().getString("type", "")))
                .filter(node -> node.attributes().getOptionalJid("from").filter(group::equals).isPresent())
                .filter(node -> node.findChild(change).isPresent())
                .reduce((first, second) -> second).orElse(null);
    }

    private static Map<String, String> roles(JsonNode group) {
        var roles = new java.util.LinkedHashMap<String, String>();
        StreamSupport.stream(group.get("participants").spliterator(), false)
                .forEach(participant -> roles.put(participant.get("number").asText(), participant.get("role").asText()));
        return roles;
    }
}
