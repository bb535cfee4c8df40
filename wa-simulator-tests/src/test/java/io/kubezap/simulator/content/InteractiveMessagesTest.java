package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Buttons, carousels and lists as a phone reads them, what its app checks before showing them, and the choice its owner sends back. */
class InteractiveMessagesTest {

    private static final String BUSINESS = "5511977770001@s.whatsapp.net";

    /** As WhatsApp Business apps send buttons today: an interactiveMessage of native-flow quick replies. */
    private static byte[] buttons(String... idsAndLabels) {
        var flow = new ProtobufWriter();
        for (int i = 0; i < idsAndLabels.length; i += 2) {
            flow.message(1, new ProtobufWriter().string(1, "quick_reply")
                    .string(2, "{\"display_text\":\"" + idsAndLabels[i + 1] + "\",\"id\":\"" + idsAndLabels[i] + "\"}"));
        }
        var interactive = new ProtobufWriter().message(2, new ProtobufWriter().string(1, "Confirma a revisão?"))
                .message(3, new ProtobufWriter().string(1, "Oficina")).message(6, flow.uint32(3, 1));
        return new ProtobufWriter().message(45, interactive).toByteArray();
    }

    private static byte[] list() {
        var row = new ProtobufWriter().string(1, "09:00").string(2, "Com café").string(3, "9h");
        var section = new ProtobufWriter().string(1, "Manhã").message(2, row);
        return new ProtobufWriter().message(36, new ProtobufWriter().string(2, "Escolha o horário").string(3, "Ver horários")
                .uint32(4, 1).message(5, section)).toByteArray();
    }

    @Test
    void buttonsAreReadWithTheirIdsAndLabelsAndShownOnlyBesideTheirBizNode() {
        var content = MessageContents.parse(buttons("sim", "Sim", "nao", "Não")).content();

        assertThat(content).isEqualTo(new Content.Buttons("Confirma a revisão?", "Oficina",
                List.of(new Content.Option("sim", "Sim", null), new Content.Option("nao", "Não", null))));
        assertThat(InteractiveMessages.problems(content, InteractiveMessages.BUTTONS_NODE)).isEmpty();
        assertThat(InteractiveMessages.problems(content, null)).containsExactly("no <biz><interactive type=native_flow> node beside the message");
    }

    @Test
    void fourButtonsOrTwoWithOneIdAreNotShown() {
        var four = MessageContents.parse(buttons("a", "A", "b", "B", "c", "C", "d", "D")).content();
        var twins = MessageContents.parse(buttons("a", "A", "a", "B")).content();

        assertThat(InteractiveMessages.problems(four, InteractiveMessages.BUTTONS_NODE)).containsExactly("1 to 3 buttons expected, got 4");
        assertThat(InteractiveMessages.problems(twins, InteractiveMessages.BUTTONS_NODE)).containsExactly("two choices with one id");
    }

    @Test
    void aListIsReadWithItsSectionsAndRows() {
        var content = MessageContents.parse(list()).content();

        assertThat(content).isEqualTo(new Content.ListMessage("Escolha o horário", null, "Ver horários",
                List.of(new Content.Section("Manhã", List.of(new Content.Option("9h", "09:00", "Com café"))))));
        assertThat(InteractiveMessages.problems(content, InteractiveMessages.LIST_NODE)).isEmpty();
        assertThat(InteractiveMessages.problems(content, InteractiveMessages.BUTTONS_NODE)).containsExactly("no <biz><list> node beside the message");
    }

    @Test
    void aTapIsANativeFlowAnswerAndAPickedRowAListReplyEachQuotingTheMessage() {
        var tapped = InteractiveMessages.choice(MessageContents.parse(buttons("sim", "Sim", "nao", "Não")).content(), "nao",
                "3EB0BUTTONS01", BUSINESS);
        var picked = InteractiveMessages.choice(MessageContents.parse(list()).content(), "9h", "3EB0LIST01", BUSINESS);

        assertThat(MessageContents.parse(tapped).content()).isEqualTo(new Content.Choice("button_reply", "nao", "Não", "3EB0BUTTONS01"));
        assertThat(MessageContents.parse(picked).content()).isEqualTo(new Content.Choice("list_reply", "9h", "09:00", "3EB0LIST01"));
    }

    /** A carousel as WhatsApp Business apps send one: cards each an interactiveMessage with a picture header and quick replies. */
    private static byte[] carousel(boolean pictures, String[]... buttonsPerCard) {
        var cards = new ProtobufWriter();
        for (int i = 0; i < buttonsPerCard.length; i++) {
            var flow = new ProtobufWriter();
            for (String id : buttonsPerCard[i]) {
                flow.message(1, new ProtobufWriter().string(1, "quick_reply").string(2, "{\"display_text\":\"" + id.toUpperCase() + "\",\"id\":\"" + id + "\"}"));
            }
            var header = new ProtobufWriter().string(1, "Plano " + (i + 1)).uint32(5, pictures ? 1 : 0);
            if (pictures) {
                header.message(4, new ProtobufWriter().string(2, "image/jpeg").string(11, "/v/t62/card" + i).bytes(8, new byte[32]));
            }
            cards.message(1, new ProtobufWriter().message(1, header).message(2, new ProtobufWriter().string(1, "Card " + (i + 1)))
                    .message(6, flow.uint32(3, 1)));
        }
        var interactive = new ProtobufWriter().message(2, new ProtobufWriter().string(1, "Nossos planos"))
                .message(7, cards.uint32(2, 1));
        return new ProtobufWriter().message(45, interactive).toByteArray();
    }

    @Test
    void aCarouselIsReadWithItsCardsInOrderAndShownOnlyBesideTheButtonsNode() {
        var content = (Content.Carousel) MessageContents.parse(carousel(true, new String[] {"a1", "a2"}, new String[] {"b1", "b2"})).content();

        assertThat(content.type()).isEqualTo("carousel");
        assertThat(content.text()).isEqualTo("Nossos planos");
        assertThat(content.cards()).extracting(Content.CarouselCard::title, Content.CarouselCard::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Plano 1", "Card 1"), org.assertj.core.groups.Tuple.tuple("Plano 2", "Card 2"));
        assertThat(content.cards().get(1).buttons()).containsExactly(new Content.Option("b1", "B1", null), new Content.Option("b2", "B2", null));
        assertThat(content.cards().getFirst().image().directPath()).isEqualTo("/v/t62/card0");
        assertThat(InteractiveMessages.problems(content, InteractiveMessages.BUTTONS_NODE)).isEmpty();
        assertThat(InteractiveMessages.problems(content, null)).containsExactly("no <biz><interactive type=native_flow> node beside the message");
    }

    @Test
    void aCarouselOfOneCardCardsWithoutPicturesOrWithUnevenOrTooManyButtonsIsNotShown() {
        var one = MessageContents.parse(carousel(true, new String[] {"a"})).content();
        var bare = MessageContents.parse(carousel(false, new String[] {"a"}, new String[] {"b"})).content();
        var uneven = MessageContents.parse(carousel(true, new String[] {"a", "b", "c"}, new String[] {"d"})).content();

        assertThat(InteractiveMessages.problems(one, InteractiveMessages.BUTTONS_NODE)).containsExactly("2 to 10 cards expected, got 1");
        assertThat(InteractiveMessages.problems(bare, InteractiveMessages.BUTTONS_NODE)).containsExactly("card 1 has no image", "card 2 has no image");
        assertThat(InteractiveMessages.problems(uneven, InteractiveMessages.BUTTONS_NODE))
                .containsExactly("card 1: 1 to 2 buttons expected, got 3", "cards with different numbers of buttons");
    }

    @Test
    void aTapOnACarouselCardsButtonIsANativeFlowAnswerNamingItQuotingTheCarousel() {
        var shown = MessageContents.parse(carousel(true, new String[] {"a1", "a2"}, new String[] {"b1", "b2"})).content();

        var tapped = InteractiveMessages.choice(shown, "b2", "3EB0CAROUSEL1", BUSINESS);

        assertThat(MessageContents.parse(tapped).content()).isEqualTo(new Content.Choice("button_reply", "b2", "B2", "3EB0CAROUSEL1"));
    }

    @Test
    void aChoiceNoButtonHasIsRefused() {
        var content = MessageContents.parse(buttons("sim", "Sim")).content();

        assertThatThrownBy(() -> InteractiveMessages.choice(content, "talvez", "3EB0BUTTONS01", BUSINESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talvez");
    }
}
