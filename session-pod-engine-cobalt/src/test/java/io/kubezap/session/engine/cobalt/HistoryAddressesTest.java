package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent.AddressLearned;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The lid↔phone pairs of a history sync, which Cobalt 0.0.10's model of it drops, read from its bytes. */
class HistoryAddressesTest {

    private static final String ANA = "5511988880001@s.whatsapp.net";
    private static final String ANA_LID = "111111111111111@lid";
    private static final String BIA = "5511988880002@s.whatsapp.net";
    private static final String BIA_LID = "222222222222222@lid";
    private static final String CAIO = "5511988880003@s.whatsapp.net";
    private static final String CAIO_LID = "333333333333333@lid";

    @Test
    void theMappingsAndEachConversationsOtherAddressAreReadOnceAndTheRestIsSkipped() {
        var sync = new Bytes()
                .varint(1, 2)
                .message(2, new Bytes().string(1, ANA).varint(4, 7).string(42, ANA_LID))
                .message(2, new Bytes().string(1, BIA_LID).string(39, BIA))
                .message(2, new Bytes().string(1, "120363000000000001@g.us").string(42, "999@lid"))
                .message(2, new Bytes().string(1, "5511988880004@s.whatsapp.net"))
                .message(15, new Bytes().string(1, ANA).string(2, ANA_LID))
                .message(15, new Bytes().string(1, CAIO).string(2, CAIO_LID))
                .message(15, new Bytes().string(1, "not a number").string(2, "444@lid"))
                .varint(5, 3);

        assertThat(HistoryAddresses.of(sync.bytes())).containsExactly(
                new AddressLearned(ANA_LID, ANA, "history"),
                new AddressLearned(BIA_LID, BIA, "history"),
                new AddressLearned(CAIO_LID, CAIO, "history"));
    }

    @Test
    void aSyncWithoutAddressesHasNone() {
        assertThat(HistoryAddresses.of(new Bytes().varint(1, 0).bytes())).isEmpty();
    }

    /** Protobuf's wire format, enough for a test: varints and length-delimited fields. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Bytes string(int field, String value) {
            return delimited(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Bytes message(int field, Bytes message) {
            return delimited(field, message.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Bytes delimited(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
