package io.kubezap.session.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kubezap.session.engine.ContactCard;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of content survives its row, and a message's JSON keeps the fields the API always had. */
class StoredContentTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final List<MessageContent> EVERY_KIND = List.of(
            new MessageContent.Text("olá"),
            new MessageContent.Media(MediaKind.VOICE, "audio/ogg", 10L, "ab", null, null, null),
            new MessageContent.Media(MediaKind.DOCUMENT, "application/pdf", 3L, "cd", "a.pdf", "the contract", null),
            new MessageContent.Location(-23.5, -46.6, "Paulista", null),
            new MessageContent.Contacts(List.of(new ContactCard("Ana", List.of("5511999990000"), "BEGIN:VCARD\nEND:VCARD"))),
            new MessageContent.Poll("Lunch?", List.of("yes", "no"), 1),
            new MessageContent.GroupInvite("120363000000000001@g.us", "Kx7Qm2Lp9Zr4", Instant.parse("2030-01-02T03:04:05Z"),
                    "Clientes", null),
            new MessageContent.Other("live_location", null));

    @Test
    void everyKindReadsBackFromItsRowAsItWasStored() throws Exception {
        for (MessageContent content : EVERY_KIND) {
            StoredContent row = StoredContent.of(content);
            var reread = new StoredContent(row.type(), row.text(),
                    row.media() == null ? null : JSON.readValue(JSON.writeValueAsString(row.media()), MediaInfo.class),
                    row.block() == null ? null : JSON.readValue(JSON.writeValueAsString(row.block()), MessageContent.Block.class));
            assertThat(reread.toContent()).as(content.type()).isEqualTo(content);
        }
    }

    @Test
    void theRowKeepsTheContentColumnInTheShapeEarlierReleasesWrote() throws Exception {
        StoredContent poll = StoredContent.of(new MessageContent.Poll("Lunch?", List.of("yes", "no"), 1));
        assertThat(JSON.readTree(JSON.writeValueAsString(poll.block())))
                .isEqualTo(JSON.readTree("{\"poll\":{\"name\":\"Lunch?\",\"options\":[\"yes\",\"no\"],\"selectableCount\":1}}"));
    }

    @Test
    void aMessageShowsItsTypeTextAndBlockSideBySideWithItsEnvelopeAndDelivery() throws Exception {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        Message location = Message.fresh("m1", "WA1", "5511@s.whatsapp.net", "5511@s.whatsapp.net", "Ana", Direction.IN,
                null, new MessageContent.Location(-23.5, -46.6, "Paulista", null), "/media/m1", null, List.of(),
                MessageStatus.RECEIVED, at, at);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(location));
        assertThat(json.path("id").asText()).isEqualTo("m1");
        assertThat(json.path("type").asText()).isEqualTo("location");
        assertThat(json.path("text").asText()).isEqualTo("Paulista");
        assertThat(json.path("location").path("latitude").asDouble()).isEqualTo(-23.5);
        assertThat(json.path("status").asText()).isEqualTo("received");
        assertThat(json.has("media")).isTrue();
        assertThat(json.path("media").isNull()).isTrue();
        assertThat(json.has("poll") || json.has("contacts") || json.has("envelope") || json.has("payload")
                || json.has("delivery") || json.has("content") || json.has("wire")).isFalse();
    }
}
