package io.kubezap.cobalt.lid;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-to-one message built for a number with {@code peer_recipient_pn} goes out to the number's LID when it is known
 * (whatsmeow's LID-first DMs); its children (the LID's devices, the privacy token) and other attributes stay as built.
 */
class LidFirstTest {

    private static final Jid NUMBER = Jid.of("5511988880067@s.whatsapp.net");
    private static final Jid LID = Jid.of("566816299001152@lid");

    private final Map<String, String> properties = new HashMap<>();
    private final LidFirst lids = new LidFirst(new LidShelf(properties, properties::putAll));

    @Test
    void aMessageForANumberWhoseLidIsKnownGoesToTheLidWithTheNumberBeside() {
        lids.learned(LID, NUMBER);
        var token = Node.of("tctoken", new byte[]{7});
        var built = Node.of("message", Map.of("id", "3EB0A", "to", NUMBER, "type", "text", LidFirst.PEER_RECIPIENT_PN, NUMBER),
                Node.of("participants"), token);

        var sent = (Node) lids.address(built);

        assertThat(sent.attributes().getRequiredJid("to")).isEqualTo(LID);
        assertThat(sent.attributes().getRequiredJid(LidFirst.PEER_RECIPIENT_PN)).isEqualTo(NUMBER);
        assertThat(sent.attributes().getString("id")).isEqualTo("3EB0A");
        assertThat(sent.findChild("tctoken")).isPresent();
        assertThat(properties).as("kept in the store's properties").containsEntry("kubezap.lid.5511988880067", "566816299001152");
        assertThat(built.attributes().getRequiredJid("to")).as("what Cobalt built is left alone").isEqualTo(NUMBER);
    }

    @Test
    void aMessageWithoutTheNumberBesideOrWithoutAKnownLidGoesAsBuilt() {
        var plain = Node.of("message", Map.of("id", "3EB0B", "to", NUMBER, "type", "text"), Node.of("participants"));
        lids.learned(LID, NUMBER);
        assertThat(lids.address(plain)).isSameAs(plain);

        var unknown = Node.of("message", Map.of("id", "3EB0C", "to", Jid.of("5511977770067@s.whatsapp.net"), "type", "text",
                LidFirst.PEER_RECIPIENT_PN, Jid.of("5511977770067@s.whatsapp.net")), Node.of("participants"));
        assertThat(lids.address(unknown)).isSameAs(unknown);
    }
}
