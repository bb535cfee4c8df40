package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.server.DeviceSentMessageBuilder;
import it.auties.whatsapp.util.Bytes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarEventsTest {

    private static final String PHONE = "5511999999999@s.whatsapp.net";
    private static final MessageContent.Event EVENT = new MessageContent.Event("Revisão do carro", "Traga o manual",
            new MessageContent.Event.EventPlace("Oficina Centro"), "https://call.whatsapp.com/video/Ab12Cd34Ef",
            1_790_000_000L, 1_790_003_600L, true, false);

    @Test
    void anEventFromAPhoneIsAnnouncedAndStoredAsAnEvent() {
        // WAE2E.Message { eventMessage (75) { isCanceled 2, name 3, description 4, location 5 { name 3 }, joinLink 6,
        // startTime 7, endTime 8, extraGuestsAllowed 9 }, messageContextInfo (35) { messageSecret 3 } }, as a phone writes it
        var event = new ProtobufWriter().varint(2, 0).string(3, "Revisão do carro").string(4, "Traga o manual")
                .bytes(5, new ProtobufWriter().string(3, "Oficina Centro").bytes())
                .string(6, "https://call.whatsapp.com/video/Ab12Cd34Ef").varint(7, 1_790_000_000L).varint(8, 1_790_003_600L)
                .varint(9, 1).bytes();
        var message = new ProtobufWriter().bytes(75, event).bytes(35, new ProtobufWriter().bytes(3, new byte[32]).bytes()).bytes();
        var info = new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id("3EB0EVENT").chatJid(Jid.of(PHONE)).senderJid(Jid.of(PHONE)).fromMe(false).build())
                .senderJid(Jid.of(PHONE))
                .message(MessageContainerSpec.decode(message))
                .timestampSeconds(1_789_990_000L)
                .status(MessageStatus.DELIVERED)
                .build();

        assertThat(IncomingMessageMapper.announced(info, Jid.of("5511777777777:3@s.whatsapp.net"))).isPresent();
        assertThat(IncomingMessageMapper.from(info, Instant.EPOCH).content()).isEqualTo(EVENT);
    }

    @Test
    void anEventToSendCarriesItsFieldsAndItsOwn32ByteSecretThroughCobaltsSendEncoding() {
        var built = CalendarEvents.message(EVENT);

        var toThePhone = sentBytes(built);
        var toOwnDevices = sentBytes(MessageContainer.of(new DeviceSentMessageBuilder().destinationJid(Jid.of(PHONE))
                .message(built).build())).unbox();

        for (var wire : new MessageContainer[]{toThePhone, toOwnDevices}) {
            assertThat(wire.eventMessage().map(CalendarEvents::read)).contains(EVENT);
            assertThat(wire.deviceInfo().flatMap(DeviceContextInfo::messageSecret)).hasValueSatisfying(secret ->
                    assertThat(secret).hasSize(32).isEqualTo(built.deviceInfo().orElseThrow().messageSecret().orElseThrow()));
        }
        assertThat(CalendarEvents.message(EVENT).deviceInfo().orElseThrow().messageSecret().orElseThrow())
                .as("each event its own secret").isNotEqualTo(built.deviceInfo().orElseThrow().messageSecret().orElseThrow());
    }

    /** What Cobalt's send path encrypts ({@code Bytes.messageToBytes}: the message and WhatsApp's padding), read back. */
    private static MessageContainer sentBytes(MessageContainer message) {
        var padded = Bytes.messageToBytes(message);
        assertThat(padded).as("Cobalt sends no bytes for a message it takes for empty").isNotNull();
        return MessageContainerSpec.decode(Arrays.copyOf(padded, padded.length - padded[padded.length - 1]));
    }
}
