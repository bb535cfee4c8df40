package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkingCodeTest {

    @Test
    void fiveBytesBecomeEightSymbolsMostSignificantFirst() {
        assertThat(LinkingCode.of(new byte[]{0, 0, 0, 0, 0}).value()).isEqualTo("11111111");
        assertThat(LinkingCode.of(new byte[]{-1, -1, -1, -1, -1}).value()).isEqualTo("ZZZZZZZZ");
        // 0x08 0x42 0x10 0x84 0x21 = 00001 00001 00001 00001 00001 00001 00001 00001
        assertThat(LinkingCode.of(new byte[]{0x08, 0x42, 0x10, (byte) 0x84, 0x21}).value()).isEqualTo("22222222");
    }

    @Test
    void shownWithADashInTheMiddle() {
        assertThat(new LinkingCode("ABCDEFGH").display()).isEqualTo("ABCD-EFGH");
    }

    @Test
    void randomCodesUseOnlyTheUnambiguousAlphabet() {
        for (var i = 0; i < 200; i++) {
            assertThat(LinkingCode.random().value()).matches("[1-9A-HJ-NP-TV-Z]{8}");
        }
    }

    @Test
    void wrongLengthOrSymbolsAreRejected() {
        assertThatThrownBy(() -> new LinkingCode("ABCDE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkingCode("ABCDEFG0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkingCode.of(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
