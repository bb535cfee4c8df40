package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.OutgoingContent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A carousel crosses the bridge with the local file of each card's picture, which its stored form never shows. */
class CarouselRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MessageContent.Carousel carousel() {
        var buttons = List.of(new MessageContent.Buttons.Button("a", "Quero"));
        return new MessageContent.Carousel("Planos", null, List.of(
                new MessageContent.Carousel.Card(new MessageContent.Carousel.CardImage("image/jpeg", 10L, "aa", null), "A", "Plano A", null, buttons),
                new MessageContent.Carousel.Card(new MessageContent.Carousel.CardImage("image/png", 20L, "bb", null), "B", "Plano B", null, buttons)));
    }

    @Test
    void eachCardCarriesItsPicturesFileInCardOrder() {
        var sending = carousel().withImageFiles(List.of("/media/aa", "/media/bb"));

        var request = OutgoingRequests.of(new OutgoingContent("5511988887777@s.whatsapp.net", sending, null, List.of()), JSON.createObjectNode());

        assertThat(request.path("carousel").path("cards").findValuesAsText("path")).containsExactly("/media/aa", "/media/bb");
        assertThat(request.path("carousel").path("cards").get(1).path("image").path("mimeType").asText()).isEqualTo("image/png");
        assertThat(request.path("carousel").path("text").asText()).isEqualTo("Planos");
    }

    @Test
    void theStoredCarouselNamesNoFile() {
        assertThat(JSON.valueToTree(MessageContent.Block.of(carousel())).path("carousel").path("cards").findValues("path")).isEmpty();
    }
}
