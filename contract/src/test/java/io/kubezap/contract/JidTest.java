package io.kubezap.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JidTest {

    /**
     * The table every reader of addresses shares; {@link Jid#FORMS}, the pattern the CRD is given, says the same (with
     * the spaces around an address that parse takes).
     */
    @ParameterizedTest(name = "{0} names {1}")
    @CsvFileSource(resources = "/chat-addresses.csv", delimiter = '|', quoteCharacter = '\'', nullValues = "-")
    void anAddressNamesItsChatAndThePatternTakesExactlyTheAddresses(String address, String chat) {
        if (chat == null) {
            assertThatThrownBy(() -> Jid.parse(address)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Jid.parse(address)).hasToString(chat);
        }
        assertThat(Pattern.matches(" *" + Jid.FORMS + " *", address)).as("FORMS takes %s", address).isEqualTo(chat != null);
    }

    @Test
    void anAddressIsAtMostAHundredCharacters() {
        String longGroup = "1".repeat(Jid.MAX_LENGTH - "@g.us".length()) + "@g.us";
        assertThat(Jid.parse(longGroup)).hasToString(longGroup);
        assertThatThrownBy(() -> Jid.parse("1" + longGroup)).hasMessageContaining("longer than 100 characters");
    }

    @Test
    void phoneNumbersAndJidsMeanTheSameAddress() {
        assertThat(Jid.parse("5511999999999").toString()).isEqualTo("5511999999999@s.whatsapp.net");
        assertThat(Jid.parse("+55 (11) 99999-9999").toString()).isEqualTo("5511999999999@s.whatsapp.net");
        assertThat(Jid.parse("5511999999999@s.whatsapp.net").toString()).isEqualTo("5511999999999@s.whatsapp.net");
        assertThat(Jid.parse("5511999999999@c.us").toString()).isEqualTo("5511999999999@s.whatsapp.net");
        assertThat(Jid.parse("5511999999999:12@s.whatsapp.net").toString()).isEqualTo("5511999999999@s.whatsapp.net");
    }

    @Test
    void groupsAreJidsWithoutAPhoneNumber() {
        Jid group = Jid.parse("120363025246125888@g.us");
        assertThat(group.phoneNumber()).isEmpty();
        assertThatThrownBy(() -> Jid.phoneDigits("120363025246125888@g.us")).hasMessageContaining("must be a phone number");
    }

    @Test
    void malformedAddressesAreRejected() {
        assertThatThrownBy(() -> Jid.parse("1234567")).hasMessageContaining("8 to 15 digits");
        assertThatThrownBy(() -> Jid.parse("5511abc99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jid.parse("5511999999999@example.com")).hasMessageContaining("unknown WhatsApp server");
        assertThatThrownBy(() -> Jid.parse(" ")).hasMessageContaining("must not be empty");
    }
}
