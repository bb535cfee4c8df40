package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent.GroupNotified;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.engine.GroupInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupNodesTest {

    private static final Instant AT = Instant.parse("2026-11-22T23:00:00Z");
    private static final String GROUP = "120363000000000014@g.us";
    private static final String ANA = "5511988880014@s.whatsapp.net";
    private static final String OWNER = "5511999990014@s.whatsapp.net";

    @Test
    void aGroupNodeIsTheGroupWithRolesDescriptionAndSettings() {
        var node = NodeView.of("group", Map.of("id", "120363000000000014", "subject", "Equipe", "creator", ANA),
                NodeView.of("participant", Map.of("jid", ANA, "type", "superadmin")),
                NodeView.of("participant", Map.of("jid", OWNER)),
                NodeView.of("description", Map.of("id", "D1"), NodeView.text("body", "Metas")),
                NodeView.of("announcement", Map.of()));

        assertThat(GroupNodes.group(node)).isEqualTo(new GroupInfo(GROUP, "Equipe", "Metas", ANA, true, false,
                List.of(new GroupInfo.Participant(ANA, "superadmin"), new GroupInfo.Participant(OWNER, "member"))));
    }

    @Test
    void aNotificationNamesWhoChangedWhatOneChangePerChild() {
        var node = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "id", "N1", "participant", ANA + "", "t", "1795000000"),
                NodeView.of("remove", Map.of(), NodeView.of("participant", Map.of("jid", "5511999990014:3@s.whatsapp.net"))),
                NodeView.of("subject", Map.of("subject", "Vendas", "s_o", ANA)),
                NodeView.of("description", Map.of("id", "D2"), NodeView.of("delete", Map.of())),
                NodeView.of("locked", Map.of()),
                NodeView.of("not_announcement", Map.of()),
                NodeView.of("something_new", Map.of()));

        assertThat(GroupNodes.notification(node, AT)).contains(new GroupNotified("N1", GROUP, ANA, Instant.ofEpochSecond(1795000000),
                List.of(new GroupChange.Participants("remove", List.of(OWNER), null), new GroupChange.Subject("Vendas"),
                        new GroupChange.Description(null), new GroupChange.Locked(true), new GroupChange.Announce(false))));
    }

    @Test
    void anAddByInviteKeepsItsReasonAndACreateCarriesTheGroup() {
        var joined = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "participant", ANA),
                NodeView.of("add", Map.of("reason", "invite"), NodeView.of("participant", Map.of("jid", ANA))));
        var created = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "participant", ANA),
                NodeView.of("create", Map.of(), NodeView.of("group", Map.of("id", "120363000000000014", "subject", "Equipe"),
                        NodeView.of("participant", Map.of("jid", OWNER)))));

        assertThat(GroupNodes.notification(joined, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.Participants("add", List.of(ANA), "invite")));
        assertThat(GroupNodes.notification(created, AT)).get().satisfies(notified -> {
            assertThat(notified.at()).isEqualTo(AT);
            assertThat(notified.changes()).singleElement().isInstanceOfSatisfying(GroupChange.Created.class,
                    create -> assertThat(create.group().participants()).containsExactly(new GroupInfo.Participant(OWNER, "member")));
        });
    }

    @Test
    void otherNotificationsAreNotGroupChanges() {
        assertThat(GroupNodes.notification(NodeView.of("notification", Map.of("from", GROUP, "type", "picture"),
                NodeView.of("set", Map.of())), AT)).isEmpty();
        assertThat(GroupNodes.notification(NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2"),
                NodeView.of("unknown", Map.of())), AT)).isEmpty();
    }

    @Test
    void aGroupsDisappearingMessagesJoinApprovalAndCommunityAreRead() {
        var linked = NodeView.of("group", Map.of("id", "120363000000000014", "subject", "Equipe"),
                NodeView.of("ephemeral", Map.of("expiration", "604800")),
                NodeView.of("membership_approval_mode", Map.of(), NodeView.of("group_join", Map.of("state", "on"))),
                NodeView.of("linked_parent", Map.of("jid", "120363000000000099@g.us")));
        var community = NodeView.of("group", Map.of("id", "120363000000000099", "subject", "Bairro"),
                NodeView.of("parent", Map.of("default_membership_approval_mode", "request_required")));

        assertThat(GroupNodes.group(linked)).satisfies(group -> {
            assertThat(group.ephemeralSeconds()).isEqualTo(604_800);
            assertThat(group.joinApproval()).isTrue();
            assertThat(group.parent()).isEqualTo("120363000000000099@g.us");
            assertThat(group.community()).isFalse();
        });
        assertThat(GroupNodes.group(community)).satisfies(group -> {
            assertThat(group.community()).isTrue();
            assertThat(group.ephemeralSeconds()).isZero();
            assertThat(group.joinApproval()).isFalse();
        });

        var notified = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "participant", ANA),
                NodeView.of("ephemeral", Map.of("expiration", "86400")), NodeView.of("not_ephemeral", Map.of()),
                NodeView.of("membership_approval_mode", Map.of(), NodeView.of("group_join", Map.of("state", "off"))));
        assertThat(GroupNodes.notification(notified, AT)).get().extracting(GroupNotified::changes).isEqualTo(List.of(
                new GroupChange.Ephemeral(86_400), new GroupChange.Ephemeral(0), new GroupChange.JoinApproval(false)));
    }
}
