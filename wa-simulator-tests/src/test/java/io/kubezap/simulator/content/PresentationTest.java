package io.kubezap.simulator.content;

import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.protobuf.ProtobufReader;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.message.standard.TextMessageBuilder;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a phone shows of a message beyond its content, read from the protobuf a WhatsApp client (Cobalt) writes and back. */
class PresentationTest {

    @Test
    void aForwardedMentioningTextWithAPreviewAsCobaltWritesIt() {
        var text = new TextMessageBuilder().text("Veja https://a.example/x @5511988880000").matchedText("https://a.example/x")
                .canonicalUrl("https://a.example/x").title("Título").description("Resumo").thumbnail(new byte[]{(byte) 0xFF, (byte) 0xD8})
                .build();
        text.setContextInfo(new ContextInfoBuilder().forwarded(true).forwardingScore(2)
                .mentions(List.of(Jid.of("5511988880000@s.whatsapp.net"))).build());

        var shown = Presentation.of(MessageContainerSpec.encode(MessageContainer.of(text)));

        assertThat(shown.forwarded()).isTrue();
        assertThat(shown.forwardingScore()).isEqualTo(2);
        assertThat(shown.viewOnce()).isFalse();
        assertThat(shown.linkPreview()).isEqualTo(new Presentation.LinkPreview("https://a.example/x", "https://a.example/x",
                "Título", "Resumo", Base64.getEncoder().encodeToString(new byte[]{(byte) 0xFF, (byte) 0xD8})));
    }

    @Test
    void aPlainTextShowsNothingMore() {
        var shown = Presentation.of(MessageContainerSpec.encode(MessageContainer.of("oi")));

        assertThat(shown).isEqualTo(new Presentation(false, false, 0, null));
    }

    /** Baileys leaves the font out when it is 0 (the first font): the phone draws the status in that font. */
    @Test
    void aTextStatusWithoutAFontIsDrawnInTheFirstFont() {
        var extended = new io.kubezap.simulator.protobuf.ProtobufWriter().string(1, "Oi").fixed32(8, 0xFF1E6E4F);
        byte[] status = new io.kubezap.simulator.protobuf.ProtobufWriter().message(6, extended).toByteArray();

        assertThat(Presentation.of(status).statusLook()).isEqualTo(new Presentation.StatusLook("#FF1E6E4F", 0));
        assertThat(Presentation.of(Presentation.textStatus("Oi", 0xFF8A2BE2, 3)).statusLook())
                .isEqualTo(new Presentation.StatusLook("#FF8A2BE2", 3));
    }

    @Test
    void aPhonesPreviewAndViewOnceImageAreWhatCobaltReads() {
        var preview = new Presentation.LinkPreview("https://n.example/a", "https://n.example/a", "Notícia", "Resumo", null);
        var decoded = MessageContainerSpec.decode(Presentation.textWithPreview("Olha https://n.example/a", preview));
        var text = (TextMessage) decoded.content();
        assertThat(text.title()).contains("Notícia");
        assertThat(text.canonicalUrl()).contains("https://n.example/a");

        var image = new MediaMessage(MediaType.IMAGE, "https://mmg.whatsapp.net/x", "/x", new byte[32], new byte[32], new byte[32],
                10, 1L, "image/png", null, null, null, 4, 4, null).toMessage();
        var viewOnce = Presentation.viewOnce(MediaType.IMAGE, image);
        assertThat(Presentation.of(viewOnce).viewOnce()).isTrue();
        assertThat(MediaMessage.parse(ProtobufReader.read(viewOnce))).as("the phone still finds the file inside").isPresent();
        var unboxed = MessageContainerSpec.decode(viewOnce).unbox();
        assertThat(((ImageMessage) unboxed.content()).viewOnce()).as("the image's own flag, which Cobalt keeps after unboxing").isTrue();
    }
}
