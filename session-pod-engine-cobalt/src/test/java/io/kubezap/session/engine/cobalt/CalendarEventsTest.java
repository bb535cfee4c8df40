package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.message.model.MessageStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarEventsTest {

    private static final String PHONE = "5511999999999@s.whatsapp.net";

    @Test
    void anEventFromAPhoneIsAnnouncedAndStoredAsAnEvent() {
        // WAE2E.Message { eventMessage (75) { isCanceled 2, name 3, description 4, location 5 { name 3 }, joinLink 6,
        // startTime 7, endTime 8, extraGuestsAllowed 9 }, messageContextInfo (35) { messageSecret 3 } }, as a phone writes it
        var place = new ByteArrayOutputStream();
        string(place, 3, "Oficina Centro");
        var event = new ByteArrayOutputStream();
        varint(event, 2, 0);
        string(event, 3, "Revisão do carro");
        string(event, 4, "Traga o manual");
        bytes(event, 5, place.toByteArray());
        string(event, 6, "https://call.whatsapp.com/video/Ab12Cd34Ef");
        varint(event, 7, 1_790_000_000L);
        varint(event, 8, 1_790_003_600L);
        varint(event, 9, 1);
        var context = new ByteArrayOutputStream();
        bytes(context, 3, new byte[32]);
        var message = new ByteArrayOutputStream();
        bytes(message, 75, event.toByteArray());
        bytes(message, 35, context.toByteArray());
        var info = new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id("3EB0EVENT").chatJid(Jid.of(PHONE)).senderJid(Jid.of(PHONE)).fromMe(false).build())
                .senderJid(Jid.of(PHONE))
                .message(MessageContainerSpec.decode(message.toByteArray()))
                .timestampSeconds(1_789_990_000L)
                .status(MessageStatus.DELIVERED)
                .build();

        assertThat(IncomingMessageMapper.announced(info, Jid.of("5511777777777:3@s.whatsapp.net"))).isPresent();
        assertThat(IncomingMessageMapper.from(info, Instant.EPOCH).content()).isEqualTo(new MessageContent.Event(
                "Revisão do carro", "Traga o manual", new MessageContent.Event.EventPlace("Oficina Centro"),
                "https://call.whatsapp.com/video/Ab12Cd34Ef", 1_790_000_000L, 1_790_003_600L, true, false));
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        bytes(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        raw(out, (long) field << 3 | 2);
        raw(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, int field, long value) {
        raw(out, (long) field << 3);
        raw(out, value);
    }

    private static void raw(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
