package io.kubezap.session.jid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A {@code @username} as an address: read in any case, kept lower case; a malformed one says why; anything else is no username. */
class UsernamesTest {

    @Test
    void anAtNameIsAUsernameInLowerCase() {
        assertThat(Usernames.named(" @Ana.Flores_2 ")).contains("ana.flores_2");
        assertThat(Usernames.named("5511988880068")).isEmpty();
        assertThat(Usernames.named("5511988880068@s.whatsapp.net")).isEmpty();
    }

    @Test
    void aNameWhatsAppDoesNotGiveIsRefusedWithTheRule() {
        for (var refused : new String[]{"@", "@ab", "@12345", "@ana-flores", "@" + "a".repeat(36)}) {
            assertThatThrownBy(() -> Usernames.named(refused)).as(refused).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("username");
        }
    }
}
