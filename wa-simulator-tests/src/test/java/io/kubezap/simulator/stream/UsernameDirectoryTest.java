package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Usernames as WhatsApp's directory serves them: the usync {@code username} protocol answers an account's name, and a
 * user asked by username ({@code <contact username>}, as Baileys 7's {@code USyncContactProtocol} asks) is answered under
 * the account's LID; a name nobody holds finds nobody.
 */
class UsernameDirectoryTest {

    private final PhoneDirectory phones = new PhoneDirectory();
    private final Directory directory = new Directory(phones);

    @Test
    void aUsernameIsAnsweredByTheUsernameProtocolAndResolvesToTheAccountsLidWithItsNumberBeside() {
        var phone = phones.create("5511955552001", "Loja");
        phones.setUsername(phone, "@Loja.Centro");

        var byNumber = user(directory.answer(null, usync(Node.of("user", Map.of("jid", phone.jid())))).orElseThrow());
        assertThat(byNumber.findChild("username").flatMap(Node::contentAsString)).contains("loja.centro");

        var byName = user(directory.answer(null, usync(Node.of("user", Node.of("contact", Map.of("username", "loja.centro"))))).orElseThrow());
        assertThat(byName.attributes().getRequiredJid("jid")).isEqualTo(phone.lid());
        assertThat(byName.attributes().getRequiredJid("pn_jid")).isEqualTo(phone.jid());
        assertThat(byName.findChild("contact").orElseThrow().attributes().getString("type")).isEqualTo("in");
    }

    @Test
    void aUsernameNobodyHoldsFindsNobodyAndANameWhatsAppRefusesOrAnotherHoldsIsNotGiven() {
        var phone = phones.create("5511955552002", "Rui");
        var other = phones.create("5511955552003", "Ana");
        phones.setUsername(other, "ana_22");

        var unknown = user(directory.answer(null, usync(Node.of("user", Node.of("contact", Map.of("username", "ninguem"))))).orElseThrow());
        assertThat(unknown.attributes().getOptionalJid("jid")).isEmpty();
        assertThat(unknown.findChild("contact").orElseThrow().attributes().getString("type")).isEqualTo("out");

        assertThatThrownBy(() -> phones.setUsername(phone, "ANA_22")).isInstanceOf(IllegalStateException.class);
        for (var refused : new String[]{"ab", "12345", ".rui", "rui.", "r..ui", "www.rui", "rui-silva"}) {
            assertThatThrownBy(() -> phones.setUsername(phone, refused)).as(refused).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(phone.username()).isNull();
    }

    private static Node usync(Node user) {
        return Node.of("iq", Map.of("id", "u1", "type", "get", "xmlns", "usync"), Node.of("usync", Map.of("context", "interactive"),
                Node.of("query", Node.of("contact"), Node.of("lid"), Node.of("username")), Node.of("list", user)));
    }

    private static Node user(Node answer) {
        return answer.findChild("usync").orElseThrow().findChild("list").orElseThrow().listChildren("user").getFirst();
    }
}
