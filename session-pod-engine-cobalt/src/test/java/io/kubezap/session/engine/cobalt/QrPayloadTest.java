package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QrPayloadTest {

    private static final byte[] NOISE = {1, 2, 3};
    private static final byte[] IDENTITY = {4, 5, 6, 7};
    private static final byte[] ADV_SECRET = {(byte) 0xff, 0, 0x10};

    @Test
    void payloadCarriesRefAndBase64KeysInWhatsAppOrder() {
        var payload = QrPayload.of("2@abc==", NOISE, IDENTITY, ADV_SECRET);

        var parts = payload.split(",");
        assertThat(parts).hasSize(5);
        assertThat(parts[0]).isEqualTo("2@abc==");
        assertThat(Base64.getDecoder().decode(parts[1])).isEqualTo(NOISE);
        assertThat(Base64.getDecoder().decode(parts[2])).isEqualTo(IDENTITY);
        assertThat(Base64.getDecoder().decode(parts[3])).isEqualTo(ADV_SECRET);
        assertThat(parts[4]).isEqualTo("1");
    }

    @Test
    void payloadNeedsARef() {
        assertThatThrownBy(() -> QrPayload.of(" ", NOISE, IDENTITY, ADV_SECRET))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allRefsOfAPairDeviceRequestAreRead() {
        var iq = NodeView.of("iq", Map.of("type", "set"),
                NodeView.of("pair-device", Map.of(),
                        NodeView.text("ref", "2@first"), NodeView.text("ref", "2@second"), NodeView.text("ref", "2@third")));

        assertThat(PairingRefs.of(iq)).contains(List.of("2@first", "2@second", "2@third"));
    }

    @Test
    void otherNodesCarryNoRefs() {
        assertThat(PairingRefs.of(NodeView.of("iq", Map.of(), NodeView.of("pair-success", Map.of())))).isEmpty();
        assertThat(PairingRefs.of(NodeView.of("iq", Map.of(), NodeView.of("pair-device", Map.of())))).isEmpty();
        assertThat(PairingRefs.of(NodeView.of("success", Map.of()))).isEmpty();
    }
}
