package io.kubezap.session.engine.cobalt;

import io.kubezap.simulator.phone.VerifiedName;
import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedNamesTest {

    private static final String SHOP = "5511988880015@s.whatsapp.net";
    private static final byte[] CERTIFICATE = VerifiedName.issue(7, "Tintas Silva Ltda", Instant.EPOCH, Curve25519.randomPrivateKey()).certificate();

    @Test
    void aBusinessMessageNamesItsSenderByTheCertificate() {
        var direct = message(Map.of("id", "A", "from", "5511988880015:3@s.whatsapp.net"), CERTIFICATE);
        assertThat(VerifiedNames.of(direct)).contains("Tintas Silva Ltda");
        assertThat(MessageAddresses.sender(CobaltNodes.view(direct))).contains(SHOP);

        var inGroup = message(Map.of("id", "B", "from", "120363000000000001@g.us", "participant", SHOP), CERTIFICATE);
        assertThat(VerifiedNames.of(inGroup)).contains("Tintas Silva Ltda");
        assertThat(MessageAddresses.sender(CobaltNodes.view(inGroup))).contains(SHOP);
    }

    @Test
    void aPersonsMessageOrAnUnreadableCertificateNamesNoBusiness() {
        assertThat(VerifiedNames.of(Node.of("message", Map.of("id", "C", "from", SHOP), Node.of("enc", Map.of("type", "msg"), new byte[]{1}))))
                .isEmpty();
        assertThat(VerifiedNames.of(message(Map.of("id", "D", "from", SHOP), new byte[]{(byte) 0xff, 0x01}))).isEmpty();
        assertThat(VerifiedNames.of(Node.of("receipt", Map.of("id", "E", "from", SHOP)))).isEmpty();
    }

    private static Node message(Map<String, Object> attributes, byte[] certificate) {
        return Node.of("message", attributes, Node.of("enc", Map.of("type", "msg"), new byte[]{1}),
                Node.of("verified_name", Map.<String, Object>of("v", "1", "serial", "7"), certificate));
    }
}
