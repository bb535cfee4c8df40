package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Buttons and lists leave with the {@code <biz>} node WhatsApp delivers them with, as the Baileys bridge writes it. */
class BizNodesTest {

    private static final String PERSON = "5511988880072@s.whatsapp.net";
    private static final String GROUP = "120363025246125244@g.us";
    private static final MessageContent.Buttons BUTTONS = new MessageContent.Buttons("Confirma?", null,
            List.of(new MessageContent.Buttons.Button("sim", "Sim")));
    private static final MessageContent.ListMessage LIST = new MessageContent.ListMessage("Horário?", null, "Ver", List.of(
            new MessageContent.ListMessage.Section(null, List.of(new MessageContent.ListMessage.Row("9h", "09:00", null)))));

    @Test
    void buttonsToAPersonGoWithTheNativeFlowBizNodeAndTheBotNode() {
        var biz = new BizNodes();
        biz.expect(info("3EB0B1", PERSON, BUTTONS));
        var sent = (Node) biz.attach(stanza("3EB0B1", PERSON));
        assertThat(sent.children()).extracting(Node::description).containsExactly("enc", "biz", "bot");
        var interactive = sent.findChild("biz").orElseThrow().findChild("interactive").orElseThrow();
        assertThat(interactive.attributes().toMap()).isEqualTo(Map.of("type", "native_flow", "v", "1"));
        assertThat(interactive.findChild("native_flow").orElseThrow().attributes().toMap()).isEqualTo(Map.of("v", "9", "name", "mixed"));
        assertThat(sent.findChild("bot").orElseThrow().attributes().toMap()).isEqualTo(Map.of("biz_bot", "1"));
        assertThat(sent.attributes().toMap()).isEqualTo(stanza("3EB0B1", PERSON).attributes().toMap());
        assertThat(((Node) biz.attach(sent)).children()).as("sent again (a retry): one <biz> node").hasSize(3);
    }

    @Test
    void aListToAGroupGoesWithTheListBizNodeAndNoBotNode() {
        var biz = new BizNodes();
        biz.expect(info("3EB0L1", GROUP, LIST));
        var sent = (Node) biz.attach(stanza("3EB0L1", GROUP));
        assertThat(sent.children()).extracting(Node::description).containsExactly("enc", "biz");
        assertThat(sent.findChild("biz").orElseThrow().findChild("list").orElseThrow().attributes().toMap())
                .isEqualTo(Map.of("type", "product_list", "v", "2"));
    }

    @Test
    void anyOtherMessageOrNodeGoesAsItIs() {
        var biz = new BizNodes();
        biz.expect(info("3EB0T1", PERSON, null));
        var text = stanza("3EB0T1", PERSON);
        assertThat(biz.attach(text)).isSameAs(text);
        var unknown = stanza("3EB0XX", PERSON);
        assertThat(biz.attach(unknown)).isSameAs(unknown);
        var receipt = Node.of("receipt", Map.<String, Object>of("id", "3EB0B1"));
        assertThat(biz.attach(receipt)).isSameAs(receipt);
    }

    private static ChatMessageInfo info(String id, String chat, MessageContent.Structured content) {
        var message = content == null ? MessageContainer.of("oi") : MessageContainer.of(StructuredMessages.toCobalt(content));
        var key = new ChatMessageKeyBuilder().id(id).chatJid(Jid.of(chat)).fromMe(true).build();
        return new ChatMessageInfoBuilder().key(key).message(message).build();
    }

    private static Node stanza(String id, String to) {
        return Node.of("message", Map.<String, Object>of("id", id, "to", Jid.of(to), "type", "text"), Node.of("enc", Map.<String, Object>of("v", "2")));
    }
}
