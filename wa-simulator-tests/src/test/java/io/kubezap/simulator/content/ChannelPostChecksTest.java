package io.kubezap.simulator.content;

import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a follower's app checks of a channel post: the stanza's type names the post's kind, a file travels unencrypted. */
class ChannelPostChecksTest {

    private static final byte[] SHA256 = new byte[32];

    private static Content file(byte[] mediaKey) {
        return new Content.Media(new MediaMessage(MediaType.IMAGE, "https://mmg.whatsapp.net/n/1", "/n/1", mediaKey, SHA256, null,
                10, null, "image/jpeg", "O palco", null, null, null, null, null));
    }

    @Test
    void aTextSentAsTextAndAnUnencryptedFileSentAsMediaAreShown() {
        var text = MessageContents.parse(new ProtobufWriter().string(1, "Feira no sábado").toByteArray()).content();

        assertThat(ChannelPostChecks.problems("text", null, text)).isEmpty();
        assertThat(ChannelPostChecks.problems("media", "image", file(null))).isEmpty();
    }

    @Test
    void aPostWhoseTypeNamesAnotherKindOrAFileWithAMediaKeyIsNot() {
        var poll = new Content.Poll("Qual dia?", java.util.List.of("Sábado", "Domingo"), 1);

        assertThat(ChannelPostChecks.problems("text", null, poll)).containsExactly("stanza type text for a poll post");
        assertThat(ChannelPostChecks.problems("media", null, file(new byte[32]))).containsExactly(
                "a file without its plaintext's mediatype", "a media key on a channel's file, which followers fetch unencrypted");
    }
}
