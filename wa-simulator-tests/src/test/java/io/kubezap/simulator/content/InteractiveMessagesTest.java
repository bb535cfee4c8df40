package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Buttons and lists as a phone reads them, what its app checks before showing them, and the choice its owner sends back. */
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

    @Test
    void aChoiceNoButtonHasIsRefused() {
        var content = MessageContents.parse(buttons("sim", "Sim")).content();

        assertThatThrownBy(() -> InteractiveMessages.choice(content, "talvez", "3EB0BUTTONS01", BUSINESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talvez");
    }
}
