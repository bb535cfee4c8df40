package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryReceiptsTest {

    @Test
    void aLidDeviceThatCobaltReadAsAnAgentOnANumberIsAskedAgainAsTheLidDevice() {
        // Cobalt 0.0.10 reads the AD_JID domain byte (1: a LID) as an agent on s.whatsapp.net
        var asCobaltReadsIt = Jid.of("339822816814992", JidServer.whatsapp(), 1, 1);

        var device = RetryReceipts.asWhatsAppNamesIt(asCobaltReadsIt);

        assertThat(device.hasServer(JidServer.lid())).isTrue();
        assertThat(device.user()).isEqualTo("339822816814992");
        assertThat(device.device()).isEqualTo(1);
        assertThat(device.agent()).as("written back with domain byte 1").isEqualTo(GroupSenderKeys.LID_DOMAIN);
        assertThat(RetryReceipts.asWhatsAppNamesIt(Jid.of("339822816814992", JidServer.whatsapp(), 0, 1)))
                .isEqualTo(Jid.of("339822816814992", JidServer.lid()));
    }

    @Test
    void aPhoneNumbersDeviceStaysAsItIs() {
        var device = Jid.of("5511988880096", JidServer.whatsapp(), 1, 0);

        assertThat(RetryReceipts.asWhatsAppNamesIt(device)).isEqualTo(device);
    }
}
