package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.UsernameOwner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code @username}'s holder as WhatsApp answers the usync query: under its LID, its number as {@code pn_jid} when shown. */
class UsyncUsernamesTest {

    @Test
    void theHolderIsTheAnswersLidWithTheNumberBesideAndTheNameAsWhatsAppKeepsIt() {
        var answer = answer(NodeView.of("user", Map.of("jid", "566816299001152@lid", "pn_jid", "5511988880068@s.whatsapp.net"),
                NodeView.of("contact", Map.of("type", "in")), NodeView.of("lid", Map.of()), NodeView.text("username", "ana.flores")));

        assertThat(UsyncUsernames.read(answer, "Ana.Flores"))
                .contains(new UsernameOwner("566816299001152@lid", "5511988880068@s.whatsapp.net", "ana.flores"));
    }

    @Test
    void aHolderWhoHidesTheNumberHasNoneAndANameNobodyHoldsFindsNobody() {
        var hidden = answer(NodeView.of("user", Map.of("jid", "566816299001152@lid"), NodeView.of("contact", Map.of("type", "in"))));
        assertThat(UsyncUsernames.read(hidden, "rui")).contains(new UsernameOwner("566816299001152@lid", null, "rui"));

        var nobody = answer(NodeView.of("user", Map.of(), NodeView.of("contact", Map.of("type", "out"))));
        assertThat(UsyncUsernames.read(nobody, "ninguem")).isEmpty();
    }

    private static NodeView answer(NodeView user) {
        return NodeView.of("iq", Map.of("type", "result"), NodeView.of("usync", Map.of(), NodeView.of("list", Map.of(), user)));
    }
}
