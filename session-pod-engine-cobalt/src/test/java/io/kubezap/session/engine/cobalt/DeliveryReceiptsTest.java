package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryReceiptsTest {

    private static final Jid CUSTOMER = Jid.of("5511988880057@s.whatsapp.net");
    private static final Jid GROUP = Jid.of("120363000000000057@g.us");

    @Test
    void aContactsMessageIsReceiptedToItsWriterWithoutTheAcksClassOrType() {
        var ack = Node.of("ack", Map.of("id", "3EB0A", "to", CUSTOMER, "class", "message", "type", "text"));

        var receipt = DeliveryReceipts.insteadOf(ack);

        assertThat(receipt.description()).isEqualTo("receipt");
        assertThat(receipt.attributes().toMap()).containsOnly(Map.entry("id", "3EB0A"), Map.entry("to", CUSTOMER));
    }

    @Test
    void aGroupMessageNamesItsWriter() {
        var writer = Jid.of("5511988880057:2@s.whatsapp.net");
        var ack = Node.of("ack", Map.of("id", "3EB0B", "to", GROUP, "participant", writer, "class", "message"));

        var receipt = DeliveryReceipts.insteadOf(ack);

        assertThat(receipt.attributes().toMap()).containsOnly(Map.entry("id", "3EB0B"), Map.entry("to", GROUP),
                Map.entry("participant", writer));
    }
}
