package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence of an account its companions know by LID, as a LID-first client (Baileys 7) subscribes to a {@code @lid} chat:
 * WhatsApp answers at once and tells every change, under the address subscribed to; a client's typing in a chat it
 * addresses by LID reaches the account behind that LID.
 */
class PresenceByLidTest {
    private final PhoneDirectory phones = new PhoneDirectory();
    private final OfflineQueue offline = new OfflineQueue(100, Clock.systemUTC());
    private final PresenceRelay relay = new PresenceRelay(phones, offline, Clock.systemUTC());
    private final Jid companion = Jid.of("5511955552000:1@s.whatsapp.net");

    @Test
    void aSubscriptionToAnAccountsLidIsAnsweredAndToldItsChangesFromThatLid() {
        var phone = phones.create("5511955552001", "Lia");
        phone.lidAddressed(true);
        var answers = new ArrayList<Node>();

        relay.onClientPresence(companion, Node.of("presence", Map.of("type", "subscribe", "to", phone.lid())), answers::add);
        assertThat(answers).as("the answer to the subscription, the account's current presence").hasSize(1);
        assertThat(answers.getFirst().attributes().getRequiredJid("from")).isEqualTo(phone.lid());

        relay.announce(phone.number(), true);
        assertThat(presences()).as("what the subscribed companion is told when the account comes online").hasSize(1);
        assertThat(presences().getFirst().attributes().getRequiredJid("from")).isEqualTo(phone.lid());
        assertThat(presences().getFirst().attributes().getOptionalString("type")).isEmpty();
    }

    @Test
    void aClientTypingInAChatItAddressesByLidShowsOnThatAccountsPhone() {
        var phone = phones.create("5511955552002", "Lia");
        phone.lidAddressed(true);

        relay.onClientChatState(companion, Node.of("chatstate", Map.of("to", phone.lid()), Node.of("composing")));

        assertThat(relay.chatStatesSeenBy(phone.number())).containsEntry("5511955552000@s.whatsapp.net", "composing");
    }

    private List<Node> presences() {
        return offline.pending(companion).stream().map(OfflineQueue.Queued::node).filter(node -> node.description().equals("presence")).toList();
    }
}
