package io.kubezap.simulator.appstate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LtHashTest {
    private static final byte[] FIRST = "value mac one".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = "value mac two".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theHashOfASetDoesNotDependOnTheOrderOfAdditions() {
        var forwards = new LtHash();
        forwards.add(FIRST);
        forwards.add(SECOND);
        var backwards = new LtHash();
        backwards.add(SECOND);
        backwards.add(FIRST);

        assertThat(forwards.value()).isEqualTo(backwards.value()).isNotEqualTo(new byte[128]);
    }

    @Test
    void subtractingAValueUndoesItsAddition() {
        var hash = new LtHash();
        hash.add(FIRST);
        var withFirstOnly = hash.value();
        hash.add(SECOND);
        hash.subtract(SECOND);

        assertThat(hash.value()).isEqualTo(withFirstOnly);
        hash.subtract(FIRST);
        assertThat(hash.value()).isEqualTo(new byte[128]);
    }
}
