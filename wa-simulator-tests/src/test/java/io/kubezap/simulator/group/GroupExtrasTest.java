package io.kubezap.simulator.group;

import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Disappearing messages, join requests, pictures and communities on the simulated group server. */
class GroupExtrasTest {
    private static final String OWNER = "5511900000011";
    private static final String ANA = "5511900000012";
    private static final String BIA = "5511900000013";

    private final List<Node> told = new ArrayList<>();
    private final List<List<String>> toldTo = new ArrayList<>();
    private final Groups groups = new Groups(number -> true, (number, actor) -> false, (numbers, notification) -> {
        told.add(notification);
        toldTo.add(List.copyOf(numbers));
    }, Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC));

    @Test
    void disappearingMessagesTakeWhatsAppsDurationsAndShowInTheMetadata() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();

        groups.setEphemeral(ANA, group.jid(), 604_800);
        assertThat(GroupNodes.group(group).findChild("ephemeral").orElseThrow().attributes().getLong("expiration")).isEqualTo(604_800);
        assertThat(told.getLast().children().getFirst().description()).isEqualTo("ephemeral");
        assertThatThrownBy(() -> groups.setEphemeral(OWNER, group.jid(), 3600)).isInstanceOf(GroupException.class);

        groups.setEphemeral(OWNER, group.jid(), 0);
        assertThat(GroupNodes.group(group).findChild("ephemeral")).isEmpty();
        assertThat(told.getLast().children().getFirst().description()).isEqualTo("not_ephemeral");
    }

    @Test
    void whileApprovalIsRequiredAJoinIsARequestAnAdminApprovesOrRejects() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();
        var code = groups.inviteCode(OWNER, group.jid());
        groups.setJoinApproval(OWNER, group.jid(), true);
        assertThat(GroupNodes.group(group).findChild("membership_approval_mode")).isPresent();

        groups.join(BIA, code);
        assertThat(group.role(BIA)).isEmpty();
        assertThat(groups.joinRequests(OWNER, group.jid())).containsOnlyKeys(BIA);
        assertThat(toldTo.getLast()).as("the admins are told").containsExactly(OWNER);
        assertThat(told.getLast().attributes().getString("type")).isEqualTo("w:gp2");
        assertThat(told.getLast().attributes().getString("participant")).isEqualTo(BIA + "@s.whatsapp.net");
        var asked = told.getLast().children().getFirst();
        assertThat(asked.description()).isEqualTo("created_membership_requests");
        assertThat(asked.attributes().getString("request_method")).isEqualTo("invite_link");
        assertThat(asked.findChild("requested_user").orElseThrow().attributes().getString("jid")).isEqualTo(BIA + "@s.whatsapp.net");
        assertThatThrownBy(() -> groups.joinRequests(ANA, group.jid())).isInstanceOf(GroupException.class)
                .extracting(refused -> ((GroupException) refused).code()).isEqualTo(401);

        var approved = groups.answerJoinRequests(OWNER, group.jid(), true, List.of(BIA, ANA));
        assertThat(approved).extracting(ParticipantResult::code).containsExactly(200, 404);
        assertThat(group.role(BIA)).contains(GroupRole.MEMBER);
        assertThat(told.getLast().children().getFirst().description()).isEqualTo("add");
        assertThat(groups.joinRequests(OWNER, group.jid())).isEmpty();

        groups.join("5511900000014", code);
        groups.answerJoinRequests(OWNER, group.jid(), false, List.of("5511900000014"));
        assertThat(toldTo.getLast()).containsExactly(OWNER);
        assertThat(told.getLast().attributes().getString("participant")).isEqualTo(OWNER + "@s.whatsapp.net");
        assertThat(told.getLast().children().getFirst().description()).isEqualTo("revoked_membership_requests");
        assertThat(told.getLast().children().getFirst().findChild("participant").orElseThrow().attributes().getString("jid"))
                .isEqualTo("5511900000014@s.whatsapp.net");
    }

    @Test
    void aCommunityHasItsAnnouncementsGroupAndLinksTheGroupsItsAdminRuns() {
        var community = groups.createCommunity(OWNER, "Bairro", "Lojas do bairro");
        var loja = groups.create(OWNER, "Loja", List.of(ANA)).group();
        var alheio = groups.create(ANA, "Outro", List.of(OWNER)).group();

        assertThat(GroupNodes.group(community).findChild("parent")).isPresent();
        var announcements = groups.subGroups(OWNER, community.jid());
        assertThat(announcements).singleElement().satisfies(only -> {
            assertThat(only.announcementsGroup()).isTrue();
            assertThat(only.announce()).isTrue();
        });

        var linked = groups.linkGroups(OWNER, community.jid(), List.of(loja.id(), alheio.id()));
        assertThat(linked).extracting(ParticipantResult::code).containsExactly(200, 401);
        assertThat(GroupNodes.group(loja).findChild("linked_parent").orElseThrow().attributes().getString("jid"))
                .isEqualTo(community.jid());
        assertThat(groups.subGroups(ANA, community.jid())).extracting(Group::id).containsExactly(announcements.getFirst().id(), loja.id());

        groups.unlinkGroup(OWNER, community.jid(), loja.id());
        assertThat(loja.parentId()).isEmpty();
        assertThatThrownBy(() -> groups.linkGroups(OWNER, loja.jid(), List.of(alheio.id()))).isInstanceOf(GroupException.class);
    }

    @Test
    void aPictureIsSetByAMemberUnlessTheGroupIsLocked() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();
        groups.setPicture(ANA, group.jid(), new Group.GroupPicture("1", "https://mmg.whatsapp.net/p", "/p"));
        assertThat(group.picture()).isPresent();
        assertThat(toldTo.getLast()).as("every member's devices").containsExactlyInAnyOrder(OWNER, ANA);
        assertThat(told.getLast().attributes().getString("type")).isEqualTo("picture");
        assertThat(told.getLast().attributes().getString("from")).isEqualTo(group.jid());
        var set = told.getLast().children().getFirst();
        assertThat(set.description()).isEqualTo("set");
        assertThat(set.attributes().getString("id")).isEqualTo("1");
        assertThat(set.attributes().getString("author")).isEqualTo(ANA + "@s.whatsapp.net");
        groups.setLocked(OWNER, group.jid(), true);
        assertThatThrownBy(() -> groups.setPicture(ANA, group.jid(), null)).isInstanceOf(GroupException.class);
        groups.setPicture(OWNER, group.jid(), null);
        assertThat(group.picture()).isEmpty();
        assertThat(told.getLast().children().getFirst().description()).isEqualTo("delete");
    }
}
