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
        assertThat(GroupNodes.notification(NodeView.of("notification", Map.of("from", ANA, "type", "picture"),
                NodeView.of("set", Map.of("jid", ANA, "id", "1795000000123"))), AT)).as("a contact's picture").isEmpty();
        assertThat(GroupNodes.notification(NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2"),
                NodeView.of("unknown", Map.of())), AT)).isEmpty();
    }

    @Test
    void aGroupsNewOrRemovedPictureIsAChangeByItsAuthor() {
        var set = NodeView.of("notification", Map.of("from", GROUP, "type", "picture", "id", "P1", "t", "1795000000"),
                NodeView.of("set", Map.of("jid", GROUP, "id", "1795000000123", "author", ANA)));
        var removed = NodeView.of("notification", Map.of("from", GROUP, "type", "picture", "id", "P2"),
                NodeView.of("delete", Map.of("jid", GROUP, "author", ANA)));

        assertThat(GroupNodes.notification(set, AT)).contains(new GroupNotified("P1", GROUP, ANA, Instant.ofEpochSecond(1795000000),
                List.of(new GroupChange.Picture("1795000000123"))));
        assertThat(GroupNodes.notification(removed, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.Picture(null)));
    }

    @Test
    void requestsToJoinAreAskedCancelledOrRejected() {
        var asked = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "participant", ANA),
                NodeView.of("created_membership_requests", Map.of("request_method", "invite_link"),
                        NodeView.of("requested_user", Map.of("jid", ANA))));
        var cancelled = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "participant", ANA),
                NodeView.of("revoked_membership_requests", Map.of(), NodeView.of("participant", Map.of("jid", ANA))));
        var rejected = NodeView.of("notification", Map.of("from", GROUP, "type", "w:gp2", "participant", OWNER),
                NodeView.of("revoked_membership_requests", Map.of(), NodeView.of("participant", Map.of("jid", ANA))));

        assertThat(GroupNodes.notification(asked, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.JoinRequests("requested", List.of(ANA), "invite_link")));
        assertThat(GroupNodes.notification(cancelled, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.JoinRequests("cancelled", List.of(ANA), null)));
        assertThat(GroupNodes.notification(rejected, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.JoinRequests("rejected", List.of(ANA), null)));
    }

    @Test
    void aCommunityLinkingOrUnlinkingAGroupNamesTheGroup() {
        var linked = NodeView.of("notification", Map.of("from", "120363000000000099@g.us", "type", "w:gp2", "participant", OWNER),
                NodeView.of("link", Map.of("link_type", "sub_group"), NodeView.of("group", Map.of("jid", GROUP, "subject", "Equipe"))));
        var unlinked = NodeView.of("notification", Map.of("from", "120363000000000099@g.us", "type", "w:gp2", "participant", OWNER),
                NodeView.of("unlink", Map.of("unlink_type", "sub_group"), NodeView.of("group", Map.of("jid", GROUP))));

        assertThat(GroupNodes.notification(linked, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.Link(GROUP, true)));
        assertThat(GroupNodes.notification(unlinked, AT)).get().extracting(GroupNotified::changes)
                .isEqualTo(List.of(new GroupChange.Link(GROUP, false)));
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
