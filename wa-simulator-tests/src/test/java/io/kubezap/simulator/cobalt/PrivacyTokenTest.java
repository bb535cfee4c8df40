package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A companion issues its account's trusted-contact token to a contact, as current clients do after a 1:1 send. */
@Timeout(120)
class PrivacyTokenTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void anIssuedTokenIsAcceptedKeptAndNotifiedToTheContactsDevices() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Ana Cliente");
        var shopClient = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var customerClient = Pairing.pairNewClient(control, KeyStores.fresh(), customer);
        var issuedAt = System.currentTimeMillis() / 1000;

        var answer = shopClient.api.sendNode(Node.of("iq", Map.of("xmlns", "privacy", "type", "set", "to", JidServer.whatsapp().toJid()),
                Node.of("tokens", Node.of("token", Map.of("jid", Jid.of(customer, JidServer.whatsapp()), "t", String.valueOf(issuedAt),
                        "type", "trusted_contact"))))).get(30, TimeUnit.SECONDS);
        assertThat(answer.attributes().getString("type", "")).as("answer %s", answer).isEqualTo("result");

        var kept = control.get("/api/phones/" + shop + "/privacy-tokens").body().get(customer);
        assertThat(kept).as("the token the shop issued to the customer").isNotNull();
        assertThat(kept.get("t").asLong()).isEqualTo(issuedAt);

        var connection = ServerNodesLog.connectionId(control, customer, Pairing.deviceId(customerClient));
        var notification = await().atMost(Duration.ofSeconds(30)).until(() -> privacyTokenNotification(connection), Optional::isPresent).orElseThrow();
        var shopAccount = control.get("/api/phones/" + shop).body();
        assertThat(notification.get("attributes").get("from").asText()).isEqualTo(shop + "@s.whatsapp.net");
        assertThat(notification.get("attributes").get("sender_lid").asText()).isEqualTo(shopAccount.get("lid").asText());
        var token = notification.get("content").get(0).get("content").get(0);
        assertThat(token.get("attributes").get("type").asText()).isEqualTo("trusted_contact");
        assertThat(token.get("attributes").get("t").asLong()).isEqualTo(issuedAt);
        assertThat(token.get("attributes").get("jid").asText()).isEqualTo(customer + "@s.whatsapp.net");
        assertThat(token.get("content").asText()).isEqualTo("base64:" + kept.get("token").asText());
        shopClient.api.disconnect().get(10, TimeUnit.SECONDS);
        customerClient.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aOneToOneMessageWithoutATokenIsRefusedWithError463AndNotDelivered() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Bia Nova");
        var client = Pairing.pairNewClient(control, CobaltClient.unregisteredWithoutPrivacyTokens(KeyStores.fresh()), shop);

        var sent = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Promoção só hoje").get(30, TimeUnit.SECONDS);

        var nack = await().atMost(Duration.ofSeconds(30)).until(() -> client.nodesReceived.stream()
                .filter(node -> node.hasDescription("ack") && sent.id().equals(node.id())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(nack.attributes().getString("class", "")).isEqualTo("message");
        assertThat(nack.attributes().getString("error", "")).as("the server's answer to a message without a token: %s", nack)
                .isEqualTo("463");
        assertThat(inbox(customer)).as("a refused message reaches nobody").isEmpty();
        assertThat(control.get("/api/phones/" + shop + "/refused-messages").body().get(0).get("id").asText()).isEqualTo(sent.id());
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientReachesAColdContactWithTheTokenTheServerAnswersToItsIssue() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Caio Novo");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);

        var sent = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Bem-vindo!").get(30, TimeUnit.SECONDS);

        assertThat(client.tokens.outcome(sent.id()).get(60, TimeUnit.SECONDS)).as("how the server took it").isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(customer).size() == 1);
        assertThat(control.get("/api/phones/" + shop + "/refused-messages").body()).as("the first message showed a token").isEmpty();
        assertThat(control.get("/api/phones/" + shop + "/privacy-tokens").body().has(customer)).isTrue();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMessageRefusedBecauseItsTokenExpiredIsSentAgainWithAFreshOne() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Gabi Antiga");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var first = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Oi Gabi").get(30, TimeUnit.SECONDS);
        assertThat(client.tokens.outcome(first.id()).get(60, TimeUnit.SECONDS)).isEmpty();
        assertThat(control.post("/api/phones/" + customer + "/privacy-tokens/" + shop + "/expire", Map.of()).status()).isEqualTo(202);

        var second = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Sentimos sua falta").get(30, TimeUnit.SECONDS);

        assertThat(client.tokens.outcome(second.id()).get(60, TimeUnit.SECONDS)).as("after one 463 and a fresh token").isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(customer).size() == 2);
        var refused = control.get("/api/phones/" + shop + "/refused-messages").body();
        assertThat(refused).as("the expired token was refused once").hasSize(1);
        assertThat(refused.get(0).get("id").asText()).isEqualTo(second.id());
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReplyToAContactWhoWroteFirstCarriesTheTokenTheContactIssuedAndIsNeverRefused() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Duda Antiga");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Oi, tem pão?")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.nodesReceived.stream().anyMatch(node ->
                node.hasDescription("notification") && "privacy_token".equals(node.attributes().getString("type", ""))));

        var sent = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Tem sim").get(30, TimeUnit.SECONDS);

        assertThat(client.tokens.outcome(sent.id()).get(60, TimeUnit.SECONDS)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(customer).size() == 1);
        assertThat(control.get("/api/phones/" + shop + "/refused-messages").body()).as("the reply showed the customer's token").isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTimelockedAccountCannotStartAChatAndLearnsWhy() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Enzo Frio");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var until = java.time.Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(control.put("/api/phones/" + shop + "/timelock", Map.of("until", until.toString())).status()).isEqualTo(200);

        var sent = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Oferta").get(30, TimeUnit.SECONDS);

        var outcome = client.tokens.outcome(sent.id()).get(60, TimeUnit.SECONDS);
        assertThat(outcome).as("a timelocked account's first message to a new contact").isPresent();
        assertThat(outcome.get().reason()).isEqualTo("reachout-timelocked");
        assertThat(inbox(customer)).isEmpty();
        assertThat(control.get("/api/phones/" + shop + "/restrictions").body().get("timelockedUntil").asText()).isEqualTo(until.toString());
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static java.util.List<JsonNode> inbox(String number) {
        return java.util.stream.StreamSupport.stream(control.get("/api/phones/" + number + "/messages").body().spliterator(), false).toList();
    }

    private static Optional<JsonNode> privacyTokenNotification(long connection) {
        return ServerNodesLog.sentOn(control, connection).stream()
                .filter(node -> node.get("tag").asText().equals("notification"))
                .filter(node -> node.get("attributes").path("type").asText().equals("privacy_token"))
                .findFirst();
    }
}
