package io.kubezap.simulator.content;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calendar events as the phone reads, checks and answers them. */
class EventMessagesTest {

    private static final MessageKey EVENT_KEY = new MessageKey("5511999990000@s.whatsapp.net", false, "3EB0EVT", null);
    private static final Content.Event EVENT = new Content.Event("Revisão", "Traga o manual", "Oficina",
            "https://call.whatsapp.com/video/Ab12", 2_063_137_000L, 2_063_140_600L, true, false);

    @Test
    void anEventKeepsEveryFieldAndItsSecret() {
        var secret = new byte[32];
        var parsed = MessageContents.parse(EventMessages.event(EVENT, secret));

        assertThat(parsed.content()).isEqualTo(EVENT);
        assertThat(parsed.messageSecret()).isEqualTo(secret);
        assertThat(EventMessages.problems(EVENT, secret)).isEmpty();
    }

    @Test
    void theAppFindsAProblemInAnEventThatEndsBeforeItStartsHasAForeignLinkOrNoSecret() {
        var backwards = new Content.Event("Revisão", null, null, "https://meet.example.com/x", 2_063_137_000L, 2_063_130_000L, false, false);

        assertThat(EventMessages.problems(backwards, null))
                .containsExactly("ends before it starts", "join link is not a WhatsApp call link", "no message secret: guests could not answer");
        assertThat(EventMessages.problems(new Content.Event(" ", null, null, null, 0, 0, false, false), new byte[32]))
                .containsExactly("no name", "no start time");
    }

    @Test
    void anAnswerOpensOnlyForTheEventAndGuestItWasSealedFor() {
        var secret = new byte[32];
        secret[3] = 7;
        var message = EventMessages.response(EVENT_KEY, secret, "111@s.whatsapp.net", "222@s.whatsapp.net", "MAYBE", 44);
        var answer = (Content.EventResponse) MessageContents.parse(message).content();

        assertThat(answer.eventKey()).isEqualTo(EVENT_KEY);
        assertThat(EventMessages.answer(MessageSecretCipher.open(MessageSecretCipher.UseCase.EVENT_RESPONSE, secret, "3EB0EVT",
                "111@s.whatsapp.net", "222@s.whatsapp.net", answer.encPayload(), answer.iv()))).isEqualTo("MAYBE");
        assertThatThrownBy(() -> MessageSecretCipher.open(MessageSecretCipher.UseCase.EVENT_RESPONSE, secret, "3EB0EVT",
                "111@s.whatsapp.net", "333@s.whatsapp.net", answer.encPayload(), answer.iv())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventMessages.response(EVENT_KEY, secret, "1", "2", "PERHAPS", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(answer.type())).containsExactly("event_response");
    }
}
