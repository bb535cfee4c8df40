package io.kubezap.contract.filter;

import io.kubezap.contract.Jid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A filter's chat entry is read by the pod's own address rule ({@link Jid}): what a send accepts names the same chat
 * in a filter, and what a send refuses is no filter entry either.
 */
class ChatSelectorTest {

    @ParameterizedTest(name = "{0} names {1}")
    @CsvFileSource(resources = "/chat-addresses.csv", delimiter = '|', quoteCharacter = '\'', nullValues = "-")
    void anEntryIsAChatExactlyWhenThePodTakesItAsAnAddress(String entry, String chat) {
        if (chat == null) {
            assertThatThrownBy(() -> Jid.parse(entry)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ChatSelector.parse(entry)).hasMessage(ChatSelector.EXPECTED);
            return;
        }
        assertThat(Jid.parse(entry)).hasToString(chat);
        ChatSelector selector = ChatSelector.parse(entry);
        assertThat(selector.kind()).isEqualTo(ChatSelector.Kind.JID);
        assertThat(selector.matches(chat)).as("%s matches %s", entry, chat).isTrue();
    }
}
