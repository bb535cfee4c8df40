package io.kubezap.session.engine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void idsHaveWhatsAppWebsShapeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String id = MessageIds.next();
            assertThat(id).matches("3EB0[0-9A-F]{18}");
            assertThat(seen.add(id)).as("repeated id %s", id).isTrue();
        }
    }
}
