package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent.Receipt;
import io.kubezap.session.engine.EngineEvent.ReceiptReceived;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptNodesTest {

    private static final Instant AT = Instant.parse("2026-11-21T08:00:00Z");
    private static final String CHAT = "5511988880002@s.whatsapp.net";

    @Test
    void aReceiptWithoutTypeIsADeliveryInTheSendersChat() {
        var node = NodeView.of("receipt", Map.of("id", "3EB0A", "from", "5511988880002:2@s.whatsapp.net", "t", "1790000000"));

        assertThat(ReceiptNodes.of(node, AT)).containsExactly(new ReceiptReceived("3EB0A", CHAT, Receipt.DELIVERED, AT));
    }

    @Test
    void aReadReceiptCoversTheMessagesOfItsListToo() {
        var node = NodeView.of("receipt", Map.of("id", "3EB0A", "from", CHAT, "type", "read"),
                NodeView.of("list", Map.of(), NodeView.of("item", Map.of("id", "3EB0B")), NodeView.of("item", Map.of("id", "3EB0C"))));

        assertThat(ReceiptNodes.of(node, AT)).extracting(ReceiptReceived::messageId).containsExactly("3EB0A", "3EB0B", "3EB0C");
        assertThat(ReceiptNodes.of(node, AT)).extracting(ReceiptReceived::receipt).containsOnly(Receipt.READ);
    }

    @Test
    void aGroupReceiptIsFiledUnderTheGroupNamingTheParticipant() {
        var node = NodeView.of("receipt", Map.of("id", "3EB0A", "from", "120363000000000000@g.us",
                "participant", CHAT, "type", "played"));

        assertThat(ReceiptNodes.of(node, AT))
                .containsExactly(new ReceiptReceived("3EB0A", "120363000000000000@g.us", Receipt.PLAYED, AT, CHAT));
    }

    @Test
    void receiptsNotAboutTheRecipientAndOtherNodesAreNone() {
        for (var type : new String[]{"read-self", "sender", "retry", "inactive", "server-error"}) {
            assertThat(ReceiptNodes.of(NodeView.of("receipt", Map.of("id", "3EB0A", "from", CHAT, "type", type)), AT)).isEmpty();
        }
        assertThat(ReceiptNodes.of(NodeView.of("ack", Map.of("id", "3EB0A", "from", CHAT)), AT)).isEmpty();
    }
}
