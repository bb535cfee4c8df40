package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.NumberOnWhatsApp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lid↔phone pairs WhatsApp reveals in message stanzas and usync answers. */
class MessageAddressesTest {

    @Test
    void aOneToOneMessageFromALidRevealsItsNumberBySenderPnAndIsOneCobaltCannotRead() {
        var message = NodeView.of("message", Map.of("from", "208876543210987@lid", "sender_pn", "5511977776666@s.whatsapp.net",
                "id", "M1", "type", "text"));

        assertThat(MessageAddresses.of(message)).containsExactly(
                new EngineEvent.AddressLearned("208876543210987@lid", "5511977776666@s.whatsapp.net", "message"));
        assertThat(MessageAddresses.isDirectFromLid(message)).isTrue();
    }

    @Test
    void aGroupMessageRevealsItsParticipantsOtherFormAndAMessageWithoutOneRevealsNothing() {
        var byLid = NodeView.of("message", Map.of("from", "120363000000000001@g.us", "participant", "208876543210987@lid",
                "participant_pn", "5511977776666@s.whatsapp.net", "addressing_mode", "lid"));
        var byNumber = NodeView.of("message", Map.of("from", "5511977776666:2@s.whatsapp.net", "sender_lid", "208876543210987@lid"));
        var hidden = NodeView.of("message", Map.of("from", "208876543210987@lid"));

        assertThat(MessageAddresses.of(byLid)).extracting(EngineEvent.AddressLearned::phoneJid).containsExactly("5511977776666@s.whatsapp.net");
        assertThat(MessageAddresses.isDirectFromLid(byLid)).isFalse();
        assertThat(MessageAddresses.of(byNumber)).containsExactly(
                new EngineEvent.AddressLearned("208876543210987@lid", "5511977776666@s.whatsapp.net", "message"));
        assertThat(MessageAddresses.of(hidden)).isEmpty();
    }

    @Test
    void groupMetadataPairsParticipantsListedWithTheirOtherForm() {
        var answer = NodeView.of("iq", Map.of("type", "result"), NodeView.of("group", Map.of("id", "120363000000000001"),
                NodeView.of("participant", Map.of("jid", "5511977776666@s.whatsapp.net", "lid", "208876543210987@lid", "type", "admin")),
                NodeView.of("participant", Map.of("jid", "301234567890123@lid", "phone_number", "5511966665555@s.whatsapp.net")),
                NodeView.of("participant", Map.of("jid", "5511955554444@s.whatsapp.net"))));

        assertThat(GroupAddresses.of(answer)).containsExactly(
                new EngineEvent.AddressLearned("208876543210987@lid", "5511977776666@s.whatsapp.net", "group"),
                new EngineEvent.AddressLearned("301234567890123@lid", "5511966665555@s.whatsapp.net", "group"));
    }

    @Test
    void aUsyncAnswerGivesEachAskedNumberItsLidOrNotOnWhatsApp() {
        var answer = NodeView.of("iq", Map.of("type", "result"), NodeView.of("usync", Map.of(), NodeView.of("list", Map.of(),
                NodeView.of("user", Map.of("jid", "5511977776666@s.whatsapp.net"),
                        NodeView.of("contact", Map.of("type", "in")), NodeView.of("lid", Map.of("val", "208876543210987@lid"))),
                NodeView.of("user", Map.of("jid", "5511900000000@s.whatsapp.net"), NodeView.of("contact", Map.of("type", "out"))))));

        assertThat(UsyncNumbers.read(answer, List.of("5511977776666", "5511900000000", "5511911111111"))).isEqualTo(Map.of(
                "5511977776666", new NumberOnWhatsApp(true, "208876543210987@lid"),
                "5511900000000", NumberOnWhatsApp.NOT_ON_WHATSAPP,
                "5511911111111", NumberOnWhatsApp.NOT_ON_WHATSAPP));
    }
}
