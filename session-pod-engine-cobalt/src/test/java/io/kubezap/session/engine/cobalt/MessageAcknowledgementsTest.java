package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageAcknowledgementsTest {

    @Test
    void whatMakesWhatsAppForgetAMessageWaitsAndNothingElse() {
        var held = new ArrayList<String>();
        var hold = MessageAcknowledgements.hold(acknowledgement -> {
            held.add(acknowledgement.description() + " " + acknowledgement.attributes().getString("type", "delivery"));
            return acknowledgement;
        });

        List.of(Node.of("ack", Map.of("id", "A", "class", "message")),
                Node.of("ack", Map.of("id", "B", "class", "receipt")),
                Node.of("ack", Map.of("id", "C", "class", "notification")),
                Node.of("receipt", Map.of("id", "D")),
                Node.of("receipt", Map.of("id", "E", "type", "inactive")),
                Node.of("receipt", Map.of("id", "F", "type", "sender")),
                Node.of("receipt", Map.of("id", "G", "type", "peer_msg")),
                Node.of("receipt", Map.of("id", "H", "type", "read")),
                Node.of("receipt", Map.of("id", "I", "type", "retry")),
                Node.of("iq", Map.of("id", "J", "type", "get")),
                Node.of("message", Map.of("id", "K"))).forEach(hold::apply);
        hold.apply(new byte[]{1, 2});

        assertThat(held).containsExactly("ack delivery", "receipt delivery", "receipt inactive", "receipt sender",
                "receipt peer_msg");
    }

    @Test
    void anAcknowledgementCanBeReplacedOrWithheldAndNothingElseIsTouched() {
        var retry = Node.of("receipt", Map.of("id", "A", "type", "retry"));
        var hold = MessageAcknowledgements.hold(acknowledgement -> {
            if (acknowledgement.description().equals("receipt")) {
                throw new MessageAcknowledgements.Withheld("not decrypted");
            }
            return retry;
        });

        assertThat(hold.apply(Node.of("ack", Map.of("id", "A", "class", "message")))).isSameAs(retry);
        assertThatThrownBy(() -> hold.apply(Node.of("receipt", Map.of("id", "A"))))
                .isInstanceOf(MessageAcknowledgements.Withheld.class);
        var read = Node.of("receipt", Map.of("id", "A", "type", "read"));
        assertThat(hold.apply(read)).isSameAs(read);
    }
}
