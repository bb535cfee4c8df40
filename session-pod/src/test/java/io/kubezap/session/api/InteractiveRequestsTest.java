package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.api.InteractiveResource.ButtonRequest;
import io.kubezap.session.api.InteractiveResource.RowRequest;
import io.kubezap.session.api.InteractiveResource.SectionRequest;
import io.kubezap.session.api.InteractiveResource.SendButtonsRequest;
import io.kubezap.session.api.InteractiveResource.SendListRequest;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.problem.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What buttons, lists and carousels must be before they go out: as WhatsApp's apps show them, each problem named by its field. */
class InteractiveRequestsTest {

    private static final String CHAT = "5511988887777";

    @Test
    void buttonsAreTakenAsGivenWithoutABlankFooter() {
        var buttons = InteractiveRequests.buttons(new SendButtonsRequest(CHAT, " Confirma a revisão? ", " ",
                List.of(new ButtonRequest("sim", "Sim"), new ButtonRequest("nao", "Não"))));

        assertThat(buttons).isEqualTo(new MessageContent.Buttons("Confirma a revisão?", null,
                List.of(new MessageContent.Buttons.Button("sim", "Sim"), new MessageContent.Buttons.Button("nao", "Não"))));
        assertThat(buttons.type()).isEqualTo("buttons");
    }

    @Test
    void noButtonsOrFourAreRefusedNamingTheField() {
        var four = IntStream.range(0, 4).mapToObj(i -> new ButtonRequest("b" + i, "B" + i)).toList();

        assertThat(fields(() -> InteractiveRequests.buttons(new SendButtonsRequest(CHAT, "Oi", null, List.of())))).containsExactly("buttons");
        assertThat(fields(() -> InteractiveRequests.buttons(new SendButtonsRequest(CHAT, "Oi", null, four)))).containsExactly("buttons");
    }

    @Test
    void twoButtonsWithOneIdALongLabelAndNoTextAreEachNamed() {
        assertThat(fields(() -> InteractiveRequests.buttons(new SendButtonsRequest(CHAT, "Oi", null,
                List.of(new ButtonRequest("a", "A"), new ButtonRequest("a", "B")))))).containsExactly("buttons");
        assertThat(fields(() -> InteractiveRequests.buttons(new SendButtonsRequest(CHAT, " ", null,
                List.of(new ButtonRequest("a", "x".repeat(21))))))).containsExactlyInAnyOrder("text", "buttons[0].text");
    }

    @Test
    void aListIsTakenAsGiven() {
        var list = InteractiveRequests.list(new SendListRequest(CHAT, "Escolha o horário", "Oficina", "Ver horários",
                List.of(new SectionRequest("Manhã", List.of(new RowRequest("9h", "09:00", "Com café"))),
                        new SectionRequest("Tarde", List.of(new RowRequest("14h", "14:00", null))))));

        assertThat(list).isEqualTo(new MessageContent.ListMessage("Escolha o horário", "Oficina", "Ver horários", List.of(
                new MessageContent.ListMessage.Section("Manhã", List.of(new MessageContent.ListMessage.Row("9h", "09:00", "Com café"))),
                new MessageContent.ListMessage.Section("Tarde", List.of(new MessageContent.ListMessage.Row("14h", "14:00", null))))));
        assertThat(list.type()).isEqualTo("list");
    }

    @Test
    void aListWithoutButtonTextWithAnEmptySectionOrElevenRowsOrATwiceGivenIdIsRefusedNamingTheField() {
        var row = new RowRequest("r", "Row", null);
        var eleven = IntStream.range(0, 11).mapToObj(i -> new RowRequest("r" + i, "Row " + i, null)).toList();

        assertThat(fields(() -> InteractiveRequests.list(new SendListRequest(CHAT, "Oi", null, null,
                List.of(new SectionRequest("S", List.of(row))))))).containsExactly("buttonText");
        assertThat(fields(() -> InteractiveRequests.list(new SendListRequest(CHAT, "Oi", null, "Ver",
                List.of(new SectionRequest("S", List.of(row)), new SectionRequest("Vazia", List.of())))))).containsExactly("sections[1].rows");
        assertThat(fields(() -> InteractiveRequests.list(new SendListRequest(CHAT, "Oi", null, "Ver",
                List.of(new SectionRequest("S", eleven)))))).containsExactly("sections");
        assertThat(fields(() -> InteractiveRequests.list(new SendListRequest(CHAT, "Oi", null, "Ver",
                List.of(new SectionRequest("S", List.of(row)), new SectionRequest("T", List.of(row))))))).containsExactly("sections[].rows");
        assertThat(fields(() -> InteractiveRequests.list(new SendListRequest(CHAT, "Oi", null, "Ver", Collections.emptyList()))))
                .containsExactly("sections");
    }

    @Test
    void aCarouselIsTakenAsGivenInCardOrderItsImagesYetToBeStored() {
        var carousel = InteractiveRequests.carousel(new InteractiveResource.SendCarouselRequest(CHAT, "Nossos planos", null, List.of(
                card("Básico", "b1", "b2"), card("Pro", "p1", "p2"))));

        assertThat(carousel.type()).isEqualTo("carousel");
        assertThat(carousel.text()).isEqualTo("Nossos planos");
        assertThat(carousel.cards()).extracting(MessageContent.Carousel.Card::title).containsExactly("Básico", "Pro");
        assertThat(carousel.cards().get(1).buttons()).containsExactly(new MessageContent.Buttons.Button("p1", "p1!"),
                new MessageContent.Buttons.Button("p2", "p2!"));
        assertThat(carousel.cards().getFirst().image().sha256()).isNull();
    }

    @Test
    void oneCardElevenCardsACardWithoutImageOrWithThreeButtonsOrFewerThanTheFirstAndAnIdTwiceAreEachNamed() {
        var eleven = IntStream.range(0, 11).mapToObj(i -> card("C" + i, "c" + i)).toList();
        var noImage = new InteractiveResource.CardRequest(null, null, "Sem", "Sem imagem", null, List.of(new ButtonRequest("x", "X")));

        assertThat(carouselFields(card("Só", "a"))).containsExactly("cards");
        assertThat(fields(() -> InteractiveRequests.carousel(new InteractiveResource.SendCarouselRequest(CHAT, "Oi", null, eleven))))
                .containsExactly("cards");
        assertThat(carouselFields(card("A", "a"), noImage)).containsExactly("cards[1].image");
        assertThat(carouselFields(card("A", "a", "b", "c"), card("B", "d", "e", "f"))).containsExactly("cards[0].buttons", "cards[1].buttons");
        assertThat(carouselFields(card("A", "a", "b"), card("B", "c"))).containsExactly("cards[1].buttons");
        assertThat(carouselFields(card("A", "a"), card("B", "a"))).containsExactly("cards[].buttons");
    }

    private static InteractiveResource.CardRequest card(String title, String... buttonIds) {
        return new InteractiveResource.CardRequest(new SendMessageRequest.MediaSource("https://example.com/" + title + ".jpg", null),
                null, title, "Plano " + title, null, java.util.Arrays.stream(buttonIds).map(id -> new ButtonRequest(id, id + "!")).toList());
    }

    private static List<String> carouselFields(InteractiveResource.CardRequest... cards) {
        return fields(() -> InteractiveRequests.carousel(new InteractiveResource.SendCarouselRequest(CHAT, "Oi", null, List.of(cards))));
    }

    private static List<String> fields(Runnable request) {
        var refused = catchThrowableOfType(ApiException.class, request::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.problem().errors().stream().map(FieldError::field).toList();
    }
}
