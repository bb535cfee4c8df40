package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.LabelChange;
import it.auties.whatsapp.model.action.ArchiveChatActionBuilder;
import it.auties.whatsapp.model.action.LabelAssociationActionBuilder;
import it.auties.whatsapp.model.action.LabelEditActionBuilder;
import it.auties.whatsapp.model.action.StarActionBuilder;
import it.auties.whatsapp.model.sync.ActionMessageRangeSyncBuilder;
import it.auties.whatsapp.model.sync.ActionValueSync;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the phone's app-state mutations say of chats and labels, read with their operation and whole index. */
class AppStatePatchesTest {

    private static final String CHAT = "5511988887777@s.whatsapp.net";

    @Test
    void aLabelOnAMessageKeepsTheMessageId() {
        var labeled = new AppStateMutations.Mutation(false, List.of("label_message", "7", CHAT, "3EB0AA", "0", "0"),
                ActionValueSync.of(new LabelAssociationActionBuilder().labeled(true).build()));

        assertThat(AppStatePatches.read(labeled)).hasValueSatisfying(incoming -> {
            assertThat(incoming.chatJid()).isEqualTo(CHAT);
            assertThat(incoming.change()).isEqualTo(new ChatChange.Label("7", "3EB0AA", true));
        });
    }

    @Test
    void aRemoveTakesTheStateAwayWhateverValueItCarries() {
        var archived = ActionValueSync.of(new ArchiveChatActionBuilder().archived(true)
                .messageRange(new ActionMessageRangeSyncBuilder().lastMessageTimestamp(0L).messages(List.of()).build()).build());
        var starred = ActionValueSync.of(new StarActionBuilder().starred(true).build());
        var labeled = ActionValueSync.of(new LabelAssociationActionBuilder().labeled(true).build());

        assertThat(AppStatePatches.read(new AppStateMutations.Mutation(true, List.of("archive", CHAT), archived)))
                .map(AppStatePatches.Incoming::change).contains(new ChatChange.Archive(false));
        assertThat(AppStatePatches.read(new AppStateMutations.Mutation(true, List.of("star", CHAT, "3EB0BB", "1", "0"), starred)))
                .map(AppStatePatches.Incoming::change).contains(new ChatChange.Star("3EB0BB", true, null, false));
        assertThat(AppStatePatches.read(new AppStateMutations.Mutation(true, List.of("label_jid", "7", CHAT), labeled)))
                .map(AppStatePatches.Incoming::change).contains(new ChatChange.Label("7", null, false));
    }

    @Test
    void aLabelRemovedOrDeletedIsGone() {
        var edit = ActionValueSync.of(new LabelEditActionBuilder().id(7).name("Pago").color(3).deleted(false).build());

        assertThat(AppStatePatches.readLabel(new AppStateMutations.Mutation(false, List.of("label_edit", "7"), edit)))
                .contains(new LabelChange("7", "Pago", 3, false));
        assertThat(AppStatePatches.readLabel(new AppStateMutations.Mutation(true, List.of("label_edit", "7"), edit)))
                .contains(new LabelChange("7", "Pago", 3, true));
        assertThat(AppStatePatches.read(new AppStateMutations.Mutation(false, List.of("label_edit", "7"), edit))).isEmpty();
    }
}
