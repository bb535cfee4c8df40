package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aProductCardIsRefusedAsCobaltCannotBuildOneWithoutAnUploadedPicture() {
        var card = new MessageContent.Product("7002", "Rolo de lã", null, 24_500_000L, "BRL", null, null, null,
                "5511999990070@s.whatsapp.net", null, null);
        assertThatThrownBy(() -> StructuredMessages.toCobalt(card)).isInstanceOf(io.kubezap.session.engine.UnsupportedByEngine.class)
                .hasMessageContaining("picture");
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
    void aCarouselIsRefusedAsCobaltsModelHasNoCarouselMessage() {
        var card = new MessageContent.Carousel.Card(null, "Pro", "Plano pro", null, List.of(new MessageContent.Buttons.Button("quero", "Quero")));
        assertThatThrownBy(() -> StructuredMessages.toCobalt(new MessageContent.Carousel("Planos", null, List.of(card, card))))
                .isInstanceOf(io.kubezap.session.engine.UnsupportedByEngine.class).hasMessageContaining("carouselMessage");
    }
}
