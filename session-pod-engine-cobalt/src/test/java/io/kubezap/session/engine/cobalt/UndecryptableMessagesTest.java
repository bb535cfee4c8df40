package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;
import it.auties.whatsapp.model.node.Node;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.MessageUndecryptable.Cause;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.model.chat.ChatBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;

import java.nio.ByteBuffer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UndecryptableMessagesTest {

    @Test
    void theRetryReceiptNamesTheMessageTheAttemptAndTheDevicesRegistration() {
        var ack = Node.of("ack", Map.of("id", "3EB0AA", "to", "5511988880072@s.whatsapp.net", "class", "message"));

        var receipt = UndecryptableMessages.retryReceipt(ack, undecryptable("3EB0AA"), 2, 4242);

        assertThat(receipt.description()).isEqualTo("receipt");
        assertThat(receipt.attributes().getString("id")).isEqualTo("3EB0AA");
        assertThat(receipt.attributes().getString("to")).isEqualTo("5511988880072@s.whatsapp.net");
        assertThat(receipt.attributes().getString("type")).isEqualTo("retry");
        var retry = receipt.findChild("retry").orElseThrow();
        assertThat(retry.attributes().getString("count")).isEqualTo("2");
        assertThat(retry.attributes().getString("id")).isEqualTo("3EB0AA");
        assertThat(retry.attributes().getString("t")).isEqualTo("1700000000");
        assertThat(retry.attributes().getString("v")).isEqualTo("1");
        var registration = receipt.findChild("registration").flatMap(Node::contentAsBytes).orElseThrow();
        assertThat(ByteBuffer.wrap(registration).getInt()).isEqualTo(4242);
        assertThat(UndecryptableMessages.isUndecryptable(undecryptable("3EB0AA"))).isTrue();
    }

    @Test
    void fiveRetryReceiptsThenTheLossIsRecordedAndTheAckGoesButNeverADeliveryReceipt() {
        var recorded = new ArrayList<EngineEvent>();
        var at = Instant.parse("2026-11-24T12:00:00Z");
        var undecryptable = new UndecryptableMessages(recorded::add, Clock.fixed(at, ZoneOffset.UTC));
        var chat = new ChatBuilder().jid(Jid.of("5511988880072@s.whatsapp.net")).build();
        var ack = Node.of("ack", Map.of("id", "3EB0BB", "to", "5511988880072@s.whatsapp.net", "class", "message"));
        var delivery = Node.of("receipt", Map.of("id", "3EB0BB", "to", "5511988880072@s.whatsapp.net"));

        for (var attempt = 1; attempt <= UndecryptableMessages.MAX_RETRIES; attempt++) {
            var sent = undecryptable.instead(chat, undecryptable("3EB0BB"), ack, attempt == 1, () -> 7);
            assertThat(sent.attributes().getString("type")).isEqualTo("retry");
            assertThat(sent.findChild("retry").orElseThrow().attributes().getString("count")).isEqualTo(String.valueOf(attempt));
            assertThatThrownBy(() -> undecryptable.instead(chat, undecryptable("3EB0BB"), delivery, false, () -> 7))
                    .isInstanceOf(MessageAcknowledgements.Withheld.class);
        }
        assertThat(recorded).isEmpty();

        assertThat(undecryptable.instead(chat, undecryptable("3EB0BB"), ack, false, () -> 7)).isSameAs(ack);
        assertThat(recorded).containsExactly(new EngineEvent.MessageUndecryptable("3EB0BB", "5511988880072@s.whatsapp.net",
                "5511988880072@s.whatsapp.net", null, 5, Cause.DECRYPTION_FAILED, at));
        assertThatThrownBy(() -> undecryptable.instead(chat, undecryptable("3EB0BB"), delivery, false, () -> 7))
                .isInstanceOf(MessageAcknowledgements.Withheld.class);
    }

    @Test
    void aMessageThatCameWithoutACopyForThisDeviceIsAcknowledgedAtOnceAndRecordedAsUnavailable() {
        var recorded = new ArrayList<EngineEvent>();
        var at = Instant.parse("2026-11-24T12:00:00Z");
        var undecryptable = new UndecryptableMessages(recorded::add, Clock.fixed(at, ZoneOffset.UTC));
        var chat = new ChatBuilder().jid(Jid.of("5511988880072@s.whatsapp.net")).build();
        var ack = Node.of("ack", Map.of("id", "3EB0CC", "to", "5511988880072@s.whatsapp.net", "class", "message"));
        var delivery = Node.of("receipt", Map.of("id", "3EB0CC", "to", "5511988880072@s.whatsapp.net"));

        assertThatThrownBy(() -> undecryptable.instead(chat, undecryptable("3EB0CC"), delivery, false, () -> 7))
                .isInstanceOf(MessageAcknowledgements.Withheld.class);
        assertThat(undecryptable.instead(chat, undecryptable("3EB0CC"), ack, false, () -> 7)).isSameAs(ack);

        assertThat(recorded).containsExactly(new EngineEvent.MessageUndecryptable("3EB0CC", "5511988880072@s.whatsapp.net",
                "5511988880072@s.whatsapp.net", null, 0, Cause.UNAVAILABLE, at));
    }

    @Test
    void aGuestsAnswerAnAlbumOrAnHdOriginalIsAMessageNotALostOne() {
        var sealedAnswer = new MessageContainerBuilder().encEventResponseMessage(new byte[]{10, 2, 8, 1}).build();
        var album = new MessageContainerBuilder().albumMessage(new byte[]{16, 3}).build();
        var hdOriginal = new MessageContainerBuilder().associatedChildMessage(new byte[]{10, 0}).build();

        for (var message : java.util.List.of(sealedAnswer, album, hdOriginal)) {
            assertThat(UndecryptableMessages.isUndecryptable(withMessage("3EB0DD", message))).as(message.toString()).isFalse();
        }
    }

    @Test
    void onlyAFailureCobaltReportsWhileDecryptingMarksTheNextAcknowledgementsMessage() {
        var handler = new LoggingErrorHandler();

        handler.handleError(null, ErrorHandler.Location.MESSAGE, new IllegalStateException("sending failed"));
        assertThat(UndecryptableMessages.takeDecryptionFailure()).isFalse();

        decodeMessageBytes(handler);
        assertThat(UndecryptableMessages.takeDecryptionFailure()).isTrue();
        assertThat(UndecryptableMessages.takeDecryptionFailure()).as("taken once").isFalse();
    }

    /** Named as Cobalt 0.0.10's method that reports a message it cannot decrypt. */
    private static void decodeMessageBytes(LoggingErrorHandler handler) {
        handler.handleError(null, ErrorHandler.Location.MESSAGE, new IllegalStateException("bad MAC"));
    }

    private static ChatMessageInfo undecryptable(String id) {
        return withMessage(id, MessageContainer.empty());
    }

    private static ChatMessageInfo withMessage(String id, MessageContainer message) {
        var chat = Jid.of("5511988880072@s.whatsapp.net");
        return new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id(id).chatJid(chat).senderJid(chat).fromMe(false).build())
                .senderJid(chat)
                .timestampSeconds(1_700_000_000L)
                .message(message)
                .build();
    }
}
