package io.kubezap.session.receipt;

import io.kubezap.contract.AutoMarkRead;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stored messages mark their chat read, by the session's setting. */
class AutoMarkReadsTest {

    @ParameterizedTest(name = "{0}: a message {2} in {1}, history {3}: marked {4}")
    @CsvSource({
            "All,    5511988880001@s.whatsapp.net,  IN,  false, true",
            "All,    123456789012345@lid,           IN,  false, true",
            "All,    120363000000000001@g.us,       IN,  false, true",
            "All,    status@broadcast,              IN,  false, false",
            "All,    120363000000000003@newsletter, IN,  false, false",
            "All,    5511988880001@s.whatsapp.net,  OUT, false, false",
            "All,    5511988880001@s.whatsapp.net,  IN,  true,  false",
            "Direct, 5511988880001@s.whatsapp.net,  IN,  false, true",
            "Direct, 123456789012345@lid,           IN,  false, true",
            "Direct, 120363000000000001@g.us,       IN,  false, false",
            "Direct, status@broadcast,              IN,  false, false",
            "Never,  5511988880001@s.whatsapp.net,  IN,  false, false",
            "Never,  120363000000000001@g.us,       IN,  false, false",
    })
    void theSettingNamesTheChatsWhoseIncomingLiveMessagesAreMarkedRead(AutoMarkRead mode, String chat, Direction direction,
                                                                      boolean history, boolean marked) {
        Instant at = Instant.parse("2026-11-25T16:00:00Z");
        Message message = Message.fresh("m-1", "3EB0AA", chat, "5511988880001@s.whatsapp.net", "Ana", direction, null,
                new MessageContent.Text("Oi"), null, null, List.of(), MessageStatus.RECEIVED, at, at).asHistory(history);

        assertThat(new AutoMarkReads(mode, null).wanted(message)).isEqualTo(marked);
    }
}
