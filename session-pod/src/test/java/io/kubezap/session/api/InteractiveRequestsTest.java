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

/** What buttons and lists must be before they go out: as WhatsApp's apps show them, each problem named by its field. */
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

    private static List<String> fields(Runnable request) {
        var refused = catchThrowableOfType(ApiException.class, request::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.problem().errors().stream().map(FieldError::field).toList();
    }
}
