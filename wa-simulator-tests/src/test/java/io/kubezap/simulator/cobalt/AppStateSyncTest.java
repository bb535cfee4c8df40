package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.contact.Contact;
import it.auties.whatsapp.model.jid.Jid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cobalt learns the name of the account it is linked to the way WhatsApp Web does: the phone shares
 * its app-state sync key, Cobalt pulls {@code critical_block} and applies the {@code setting_pushName}
 * patch — with Cobalt checking every value, snapshot and patch MAC.
 */
@Timeout(120)
class AppStateSyncTest {
    private static final Duration SYNC_WAIT = Duration.ofSeconds(30);
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aLinkedCompanionLearnsThePushNameAndEveryRename() throws Exception {
        var number = Pairing.createPhone(control, "Padaria do Zé");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), number);

        awaitName(client, "Padaria do Zé");
        // Cobalt sets the flag after it applied the sync that gave it the name: under load a moment later
        await().atMost(Duration.ofSeconds(30)).until(() -> client.api.keys().initialAppSync());

        // a second patch replaces the value: Cobalt's LT hash must subtract the old one for the MACs to match
        var renamed = control.patch("/api/phones/" + number, Map.of("pushName", "Padaria Nova"));
        assertThat(renamed.status()).as("%s", renamed.body()).isEqualTo(200);
        assertThat(renamed.body().get("pushName").asText()).isEqualTo("Padaria Nova");
        awaitName(client, "Padaria Nova");
        assertThat(control.patch("/api/phones/" + number, Map.of("pushName", "Padaria Nova de Novo")).status()).isEqualTo(200);
        awaitName(client, "Padaria Nova de Novo");

        assertThat(client.errors).as("Cobalt's errors, e.g. a MAC it rejected").isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLinkedCompanionLearnsTheNamesTheOwnerSavesForContacts() throws Exception {
        var number = Pairing.createPhone(control, "Oficina");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), number);
        awaitName(client, "Oficina");

        var saved = control.put("/api/phones/" + number + "/contacts/5511977776666", Map.of("fullName", "Maria da Silva", "firstName", "Maria"));
        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
        assertThat(saved.body().get("5511977776666@s.whatsapp.net").asText()).isEqualTo("Maria da Silva");
        var maria = Jid.of("5511977776666@s.whatsapp.net");
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(client.api.store().findContactByJid(maria).flatMap(Contact::fullName))
                .as("the name Cobalt holds (errors: %s)", client.errors).contains("Maria da Silva"));
        assertThat(client.api.store().findContactByJid(maria).flatMap(Contact::shortName)).contains("Maria");

        assertThat(control.put("/api/phones/" + number + "/contacts/5511977776666", Map.of("fullName", "Maria S. Costa")).status()).isEqualTo(200);
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(client.api.store().findContactByJid(maria).flatMap(Contact::fullName))
                .contains("Maria S. Costa"));
        assertThat(control.put("/api/phones/" + number + "/contacts/5511977776666", Map.of("fullName", " ")).status()).isEqualTo(400);
        assertThat(client.errors).as("Cobalt's errors, e.g. a MAC it rejected").isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanionOfflineDuringARenameLearnsItWhenItLogsInAgain() throws Exception {
        var keyStore = KeyStores.fresh();
        var number = Pairing.createPhone(control, "Mercado");
        var first = Pairing.pairNewClient(control, keyStore, number);
        awaitName(first, "Mercado");
        first.flush();
        first.api.disconnect().get(10, TimeUnit.SECONDS);
        await().atMost(SYNC_WAIT).until(() -> !control.get("/api/phones/" + number).body().get("devices").get(0).get("connected").asBoolean());

        assertThat(control.patch("/api/phones/" + number, Map.of("pushName", "Mercado Central")).status()).isEqualTo(200);
        var restarted = CobaltClient.restored(keyStore, first.id);
        restarted.api.connect().get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);

        awaitName(restarted, "Mercado Central");
        assertThat(restarted.errors).isEmpty();
        restarted.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRenameOfAnUnknownPhoneOrToABlankNameIsRefused() {
        assertThat(control.patch("/api/phones/5511000000000", Map.of("pushName", "Ninguém")).status()).isEqualTo(404);
        var number = Pairing.createPhone(control, "Loja");
        var blank = control.patch("/api/phones/" + number, Map.of("pushName", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("detail").asText()).contains("push name");
    }

    private static void awaitName(CobaltClient client, String expected) {
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(client.api.store().name())
                .as("the account name Cobalt holds (errors: %s)", client.errors).isEqualTo(expected));
    }
}
