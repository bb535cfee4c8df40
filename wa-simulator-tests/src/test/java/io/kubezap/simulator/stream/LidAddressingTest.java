package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A phone WhatsApp addresses by its LID: found by either address, answered under the address asked for. */
class LidAddressingTest {

    private final PhoneDirectory phones = new PhoneDirectory();

    @Test
    void aDeviceQueryByLidIsAnsweredUnderTheLidAndAKeyQueryByLidGetsThePhonesKeys() {
        var phone = phones.create("5511955551001", "Lia");
        phone.lidAddressed(true);
        var directory = new Directory(phones);

        var devices = Node.of("iq", Map.of("id", "d1", "type", "get", "xmlns", "usync"), Node.of("usync",
                Node.of("query", Node.of("devices", Map.of("version", "2"))),
                Node.of("list", Node.of("user", Map.of("jid", phone.lid())))));
        var user = directory.answer(null, devices).orElseThrow().findChild("usync").orElseThrow()
                .findChild("list").orElseThrow().listChildren("user").getFirst();
        assertThat(user.attributes().getRequiredJid("jid")).isEqualTo(phone.lid());
        assertThat(user.findChild("devices")).isPresent();

        var keys = Node.of("iq", Map.of("id", "k1", "type", "get", "xmlns", "encrypt"),
                Node.of("key", Node.of("user", Map.of("jid", phone.lid()))));
        var bundle = directory.answer(null, keys).orElseThrow().findChild("list").orElseThrow().listChildren("user");
        assertThat(bundle).hasSize(1);
        assertThat(bundle.getFirst().attributes().getRequiredJid("jid")).isEqualTo(phone.lid());
    }

    @Test
    void aLidAddressedPhonesMessageComesFromItsLidAndRevealsItsNumberAsSenderPn() {
        var phone = phones.create("5511955551002", "Lia");
        phone.lidAddressed(true);

        var message = ServerNodes.phoneMessage("M1", phone.address(), phone.revealedNumber().orElse(null), null, phone.pushName(),
                Instant.EPOCH, MessageLabels.text(), "pkmsg", new byte[]{1});

        assertThat(message.attributes().getRequiredJid("from")).isEqualTo(phone.lid());
        assertThat(message.attributes().getRequiredJid("sender_pn")).isEqualTo(phone.jid());
        assertThat(phones.find(Jid.of(phone.lid().user() + ":0@lid"))).contains(phone);
        assertThat(phones.find(Jid.of("5511955551002@s.whatsapp.net"))).contains(phone);

        phone.hidesNumber(true);
        var hidden = ServerNodes.phoneMessage("M2", phone.address(), phone.revealedNumber().orElse(null), null, phone.pushName(),
                Instant.EPOCH, MessageLabels.text(), "msg", new byte[]{1});
        assertThat(hidden.attributes().getOptionalString("sender_pn")).isEmpty();
    }
}
