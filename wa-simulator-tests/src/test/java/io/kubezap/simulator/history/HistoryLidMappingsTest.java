package io.kubezap.simulator.history;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.protobuf.ProtobufReader;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A history sync tells the companion each contact's LID, so that its LID store knows everyone it has history with. */
class HistoryLidMappingsTest {
    private final PhoneDirectory phones = new PhoneDirectory();

    @Test
    void everyPhoneNumberChatCarriesItsLidAndTheChunkListsTheMappings() throws Exception {
        var known = phones.create("5511955550001", "Ana");
        var madeUp = Jid.of("5511980000002", JidServer.whatsapp());
        var chats = List.of(chat(known.jid()), chat(madeUp));

        var sync = inflate(HistorySyncBootstrap.historySync(HistorySyncBootstrap.RECENT,
                chats.stream().map(chat -> new HistorySyncBootstrap.Slice(chat, chat.messages())).toList(), 0, 100,
                "5511900000000@s.whatsapp.net", "Loja", contact -> phones.lidOf(contact.user())));

        var lidsByConversation = sync.all(2).stream().map(ProtobufReader::read)
                .collect(Collectors.toMap(conversation -> conversation.string(1).orElseThrow(), conversation -> conversation.string(42).orElse("")));
        assertThat(lidsByConversation).isEqualTo(Map.of(
                known.jid().toString(), known.lid().toString(),
                madeUp.toString(), phones.lidOf(madeUp.user()).toString()));
        var mappings = sync.all(15).stream().map(ProtobufReader::read)
                .collect(Collectors.toMap(mapping -> mapping.string(1).orElseThrow(), mapping -> mapping.string(2).orElseThrow()));
        assertThat(mappings).as("phoneNumberToLidMappings").isEqualTo(lidsByConversation);

        assertThat(phones.create(madeUp.user(), "Contato 2").lid()).as("the LID a number had in history stays its LID")
                .isEqualTo(phones.lidOf(madeUp.user()));
    }

    private static PastChat chat(Jid jid) {
        var message = new PastMessage("3EB0" + jid.user(), false, Instant.parse("2026-11-20T10:00:00Z"), new byte[]{10, 2, 'o', 'i'}, "text", "oi");
        return new PastChat(jid, null, List.of(message), 0, false, 0, 0);
    }

    private static ProtobufReader inflate(byte[] deflated) throws Exception {
        var plain = new ByteArrayOutputStream();
        try (var input = new InflaterInputStream(new java.io.ByteArrayInputStream(deflated))) {
            input.transferTo(plain);
        }
        return ProtobufReader.read(plain.toByteArray());
    }
}
