package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A structured kind the adapter sends is the one it reads back from WhatsApp's bytes (Cobalt's protobuf). Not contact
 * cards: Cobalt parses a received card's text and writes it anew ({@link ContactCards}), so only its name survives.
 */
class StructuredMessagesTest {

    @Test
    void everyStructuredKindSurvivesCobaltsProtobufBothWays() {
        List<MessageContent.Structured> kinds = List.of(
                new MessageContent.Location(-23.5, -46.6, "Loja", "Praça da Sé"),
                new MessageContent.Poll("Sabor?", List.of("A", "B"), 1),
                new MessageContent.GroupInvite("120363000000000001@g.us", "Kx7Qm2Lp9Zr4", Instant.parse("2030-01-02T03:04:05Z"),
                        "Clientes VIP", "Entre no grupo"));
        for (MessageContent.Structured kind : kinds) {
            byte[] wire = MessageContainerSpec.encode(MessageContainer.of(StructuredMessages.toCobalt(kind)));
            assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(wire).content())).as(kind.type()).isEqualTo(kind);
        }
    }

    @Test
    void aProductCardGoesWithoutAPictureOfItsOwnAndIsReadBackAsTheSameCard() {
        var card = new MessageContent.Product("7002", "Rolo de lã", "Lã de carneiro", 24_500_000L, "BRL", "SKU-7002", null, null,
                "5511999990070@s.whatsapp.net", "Chegou hoje", "Loja 70");
        var sent = (it.auties.whatsapp.model.message.standard.ProductMessage) StructuredMessages.toCobalt(card);
        assertThat(sent.product().image()).as("the catalog holds its pictures").isEmpty();
        byte[] wire = MessageContainerSpec.encode(MessageContainer.of(sent));
        assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(wire).content())).isEqualTo(card);
    }

    @ParameterizedTest
    @CsvSource({"1, inquiry", "2, accepted", "3, declined"})
    void anOrderIsReadAsAnOrderWithItsTotalAndStatus(int wireStatus, String status) {
        var order = new ProtobufWriter().string(1, "1000000000001").varint(3, 3).varint(4, wireStatus).varint(5, 1)
                .string(6, "Entregar à tarde").string(7, "Pedido 1000000000001").string(8, "5511999990070@s.whatsapp.net")
                .string(9, "dG9rZW4=").varint(10, 804_300_000L).string(11, "BRL").bytes();
        byte[] wire = new ProtobufWriter().bytes(38, order).bytes();
        assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(wire).content())).isEqualTo(new MessageContent.Order(
                "1000000000001", "Pedido 1000000000001", "Entregar à tarde", 3, status, "5511999990070@s.whatsapp.net",
                804_300_000L, "BRL", List.of()));
    }

    @Test
    void aTappedButtonAndAPickedRowAreReadAsChoices() {
        var tapped = new it.auties.whatsapp.model.message.button.ButtonsResponseMessageBuilder().buttonId("nao").buttonText("Não")
                .responseType(it.auties.whatsapp.model.message.button.ButtonsResponseMessage.ResponseType.SELECTED_DISPLAY_TEXT).build();
        var picked = new it.auties.whatsapp.model.message.button.ListResponseMessageBuilder().title("14:00")
                .listType(it.auties.whatsapp.model.message.button.ListResponseMessage.Type.SINGLE_SELECT)
                .reply(new it.auties.whatsapp.model.button.base.SingleSelectReplyButtonBuilder().rowId("14h").build()).build();

        assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(MessageContainerSpec.encode(MessageContainer.of(tapped)))
                .content())).isEqualTo(new MessageContent.Choice(MessageContent.Choice.BUTTON, "nao", "Não"));
        assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(MessageContainerSpec.encode(MessageContainer.of(picked)))
                .content())).isEqualTo(new MessageContent.Choice(MessageContent.Choice.LIST, "14h", "14:00"));
    }

    @Test
    void buttonsGoAsQuickRepliesAndAListAsSingleSelectRowsOnWhatsAppsWire() {
        var buttons = new MessageContent.Buttons("Confirma?", "Oficina", List.of(new MessageContent.Buttons.Button("sim", "Sim"),
                new MessageContent.Buttons.Button("nao", "Não")));
        var sent = (it.auties.whatsapp.model.message.button.InteractiveMessage) MessageContainerSpec.decode(MessageContainerSpec.encode(
                MessageContainer.of(StructuredMessages.toCobalt(buttons)))).content();
        assertThat(sent.body().orElseThrow().content()).isEqualTo("Confirma?");
        assertThat(sent.footer().orElseThrow().content()).isEqualTo("Oficina");
        assertThat(sent.contentNativeFlow().orElseThrow().buttons()).extracting(b -> b.name() + " " + b.parameters().orElse(""))
                .containsExactly("quick_reply {\"display_text\":\"Sim\",\"id\":\"sim\"}", "quick_reply {\"display_text\":\"Não\",\"id\":\"nao\"}");

        var list = new MessageContent.ListMessage("Escolha o horário", null, "Ver horários", List.of(
                new MessageContent.ListMessage.Section("Manhã", List.of(new MessageContent.ListMessage.Row("9h", "09:00", "Com café"))),
                new MessageContent.ListMessage.Section("Tarde", List.of(new MessageContent.ListMessage.Row("14h", "14:00", null)))));
        var shown = (it.auties.whatsapp.model.message.button.ListMessage) MessageContainerSpec.decode(MessageContainerSpec.encode(
                MessageContainer.of(StructuredMessages.toCobalt(list)))).content();
        assertThat(shown.description()).contains("Escolha o horário");
        assertThat(shown.button()).isEqualTo("Ver horários");
        assertThat(shown.listType()).isEqualTo(it.auties.whatsapp.model.message.button.ListMessage.Type.SINGLE_SELECT);
        assertThat(shown.sections()).extracting(section -> section.title() + ":" + section.rows().stream()
                .map(it.auties.whatsapp.model.button.base.ButtonRow::id).toList()).containsExactly("Manhã:[9h]", "Tarde:[14h]");
        assertThat(shown.sections().get(1).rows().getFirst().description()).as("a row without description has none").isNull();
    }

    @Test
    void aCarouselsCardsGoInItsCarouselMessageInOrderEachWithItsQuickReplies() {
        var cards = List.of("Básico", "Completo").stream().map(title -> InteractiveMessages.withTexts("Plano " + title, null)
                .contentNativeFlow(InteractiveMessages.quickReplies(List.of(new MessageContent.Buttons.Button(title + "-quero", "Quero"))))
                .build()).toList();
        var carousel = InteractiveMessages.withTexts("Planos", "Oficina").carouselMessage(Carousels.carouselMessage(cards)).build();
        var sent = (it.auties.whatsapp.model.message.button.InteractiveMessage) MessageContainerSpec.decode(MessageContainerSpec.encode(
                MessageContainer.of(carousel))).content();

        assertThat(sent.body().orElseThrow().content()).isEqualTo("Planos");
        var read = it.auties.protobuf.stream.ProtobufInputStream.fromBytes(sent.carouselMessage().orElseThrow());
        var shown = new java.util.ArrayList<String>();
        while (read.readTag()) {
            if (read.index() == 1) {
                var card = it.auties.whatsapp.model.message.button.InteractiveMessageSpec.decode(read.readLengthDelimited());
                shown.add(card.body().orElseThrow().content() + " " + card.contentNativeFlow().orElseThrow().buttons().getFirst().parameters().orElse(""));
            } else {
                assertThat(read.index()).as("the carousel's version").isEqualTo(2);
                assertThat(read.readInt32()).isEqualTo(1);
            }
        }
        assertThat(shown).containsExactly("Plano Básico {\"display_text\":\"Quero\",\"id\":\"Básico-quero\"}",
                "Plano Completo {\"display_text\":\"Quero\",\"id\":\"Completo-quero\"}");
    }

    @Test
    void buttonsAListAndACarouselSomeoneSentAreReadAsTheKindsTheyAre() {
        var buttons = new MessageContent.Buttons("Confirma?", "Oficina", List.of(new MessageContent.Buttons.Button("sim", "Sim")));
        var list = new MessageContent.ListMessage("Escolha", null, "Ver", List.of(new MessageContent.ListMessage.Section(null,
                List.of(new MessageContent.ListMessage.Row("9h", "09:00", null)))));
        for (MessageContent.Structured kind : List.<MessageContent.Structured>of(buttons, list)) {
            byte[] wire = MessageContainerSpec.encode(MessageContainer.of(StructuredMessages.toCobalt(kind)));
            assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(wire).content())).as(kind.type()).isEqualTo(kind);
        }

        var picture = new it.auties.whatsapp.model.message.standard.ImageMessageBuilder().mimetype("image/jpeg").mediaSize(4096L)
                .mediaSha256(new byte[]{0x0A, 0x0B}).build();
        var card = InteractiveMessages.withTexts("Plano básico", null)
                .header(new it.auties.whatsapp.model.button.interactive.InteractiveHeaderBuilder().attachmentImage(picture)
                        .mediaAttachment(true).build())
                .contentNativeFlow(InteractiveMessages.quickReplies(List.of(new MessageContent.Buttons.Button("quero", "Quero")))).build();
        var carousel = InteractiveMessages.withTexts("Planos", "Oficina").carouselMessage(Carousels.carouselMessage(List.of(card, card))).build();
        byte[] wire = MessageContainerSpec.encode(MessageContainer.of(carousel));
        var shownCard = new MessageContent.Carousel.Card(new MessageContent.Carousel.CardImage("image/jpeg", 4096L, "0a0b", null), null,
                "Plano básico", null, List.of(new MessageContent.Buttons.Button("quero", "Quero")));
        assertThat(IncomingMessageMapper.content(MessageContainerSpec.decode(wire).content()))
                .isEqualTo(new MessageContent.Carousel("Planos", "Oficina", List.of(shownCard, shownCard)));
    }
}
