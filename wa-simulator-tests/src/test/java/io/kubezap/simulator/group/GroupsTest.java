package io.kubezap.simulator.group;

import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupsTest {
    private static final String OWNER = "5511900000001";
    private static final String ANA = "5511900000002";
    private static final String BIA = "5511900000003";
    private static final String NOBODY = "5511999999999";

    private record Told(List<String> numbers, Node notification) {
        String change() {
            return notification.children().getFirst().description();
        }

        String actor() {
            return notification.attributes().getOptionalJid("participant").orElseThrow().user();
        }
    }

    private final List<Told> told = new ArrayList<>();
    private final Set<String> blockedOwner = Set.of();
    private final Groups groups = new Groups(number -> !number.equals(NOBODY), (number, actor) -> blockedOwner.contains(number),
            (numbers, notification) -> told.add(new Told(List.copyOf(numbers), notification)),
            Clock.fixed(Instant.parse("2026-11-22T19:00:00Z"), ZoneOffset.UTC));

    @Test
    void theCreatorIsSuperadminAndEveryMemberHearsOfTheNewGroup() {
        var created = groups.create(OWNER, " Equipe ", List.of(ANA, BIA, NOBODY));

        assertThat(created.group().jid()).matches("120363[0-9]{12}@g\\.us");
        assertThat(created.group().subject()).isEqualTo("Equipe");
        assertThat(created.group().role(OWNER)).contains(GroupRole.SUPERADMIN);
        assertThat(created.group().role(ANA)).contains(GroupRole.MEMBER);
        assertThat(created.participants()).extracting(ParticipantResult::number, ParticipantResult::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ANA, 200), org.assertj.core.groups.Tuple.tuple(BIA, 200),
                        org.assertj.core.groups.Tuple.tuple(NOBODY, 404));
        assertThat(told).singleElement().satisfies(notice -> {
            assertThat(notice.numbers()).containsExactlyInAnyOrder(OWNER, ANA, BIA);
            assertThat(notice.change()).isEqualTo("create");
            assertThat(notice.notification().attributes().getString("type", "")).isEqualTo("w:gp2");
            assertThat(notice.actor()).isEqualTo(OWNER);
        });
        assertThat(groups.participating(ANA)).containsExactly(created.group());
    }

    @Test
    void anAdminRemovesAndReAddsAMemberAndTheRemovedOneHearsOfIt() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA, BIA)).group();
        told.clear();

        var removed = groups.changeParticipants(OWNER, group.jid(), "remove", List.of(ANA));
        assertThat(removed).containsExactly(new ParticipantResult(ANA, 200));
        assertThat(group.role(ANA)).isEmpty();
        assertThat(told.getLast().numbers()).containsExactlyInAnyOrder(OWNER, BIA, ANA);
        assertThat(told.getLast().change()).isEqualTo("remove");

        assertThat(groups.changeParticipants(OWNER, group.jid(), "add", List.of(ANA, BIA)))
                .containsExactly(new ParticipantResult(ANA, 200), new ParticipantResult(BIA, 409));
        assertThat(told.getLast().change()).isEqualTo("add");
        assertThat(told.getLast().notification().children().getFirst().children()).hasSize(1);
    }

    @Test
    void aPlainMemberMayNotAdministerButMayRenameAnUnlockedGroup() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();

        assertThatThrownBy(() -> groups.changeParticipants(ANA, group.id(), "remove", List.of(OWNER)))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(401));
        assertThatThrownBy(() -> groups.setAnnounce(ANA, group.id(), true))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(401));
        assertThatThrownBy(() -> groups.metadata(BIA, group.id()))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(403));
        assertThatThrownBy(() -> groups.metadata(OWNER, "120363000000000000@g.us"))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(404));

        groups.setSubject(ANA, group.jid(), "Novo nome");
        assertThat(group.subject()).isEqualTo("Novo nome");
        assertThat(group.subjectOwner()).isEqualTo(ANA);
        assertThat(told.getLast().actor()).isEqualTo(ANA);
        assertThat(told.getLast().notification().children().getFirst().attributes().getString("subject", "")).isEqualTo("Novo nome");

        groups.setLocked(OWNER, group.id(), true);
        assertThat(told.getLast().change()).isEqualTo("locked");
        assertThatThrownBy(() -> groups.setSubject(ANA, group.id(), "Outro"))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(401));
        groups.changeParticipants(OWNER, group.id(), "promote", List.of(ANA));
        groups.setDescription(ANA, group.id(), "Regras do grupo");
        assertThat(group.description()).contains("Regras do grupo");
        assertThat(told.getLast().change()).isEqualTo("description");
    }

    @Test
    void onlyAdminsAddUntilTheyLetEveryMemberAdd() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();
        assertThat(group.memberAddMode()).isEqualTo("admin_add");
        assertThat(GroupNodes.group(group).findChild("member_add_mode").flatMap(Node::contentAsBytes).map(String::new))
                .contains("admin_add");
        assertThatThrownBy(() -> groups.changeParticipants(ANA, group.id(), "add", List.of(BIA)))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(401));
        assertThatThrownBy(() -> groups.setMemberAddMode(ANA, group.id(), "all_member_add"))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(401));
        assertThatThrownBy(() -> groups.setMemberAddMode(OWNER, group.id(), "everyone"))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(400));

        groups.setMemberAddMode(OWNER, group.id(), "all_member_add");
        assertThat(told.getLast().change()).isEqualTo("member_add_mode");
        assertThat(told.getLast().notification().children().getFirst().contentAsBytes().map(String::new)).contains("all_member_add");
        assertThat(groups.changeParticipants(ANA, group.id(), "add", List.of(BIA))).containsExactly(new ParticipantResult(BIA, 200));
        assertThatThrownBy(() -> groups.changeParticipants(ANA, group.id(), "remove", List.of(BIA)))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(401));
    }

    @Test
    void aMemberLeavesAndAnotherJoinsByTheInviteCodeUntilItIsRevoked() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();

        groups.leave(ANA, group.jid());
        assertThat(group.role(ANA)).isEmpty();
        assertThat(told.getLast().change()).isEqualTo("leave");
        assertThat(told.getLast().numbers()).contains(ANA, OWNER);
        assertThatThrownBy(() -> groups.leave(ANA, group.jid())).isInstanceOf(GroupException.class);

        assertThatThrownBy(() -> groups.inviteCode(BIA, group.id())).isInstanceOf(GroupException.class);
        var code = groups.inviteCode(OWNER, group.id());
        assertThat(groups.inviteCode(OWNER, group.id())).isEqualTo(code);
        assertThat(groups.join(BIA, code)).isSameAs(group);
        assertThat(group.role(BIA)).contains(GroupRole.MEMBER);
        assertThat(told.getLast().change()).isEqualTo("add");

        var newCode = groups.revokeInviteCode(OWNER, group.id());
        assertThat(newCode).isNotEqualTo(code);
        assertThat(groups.invitedTo(newCode)).isSameAs(group);
        assertThat(group.role(ANA)).as("seeing the group a code opens does not join it").isEmpty();
        assertThatThrownBy(() -> groups.join(ANA, code))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(410));
        assertThatThrownBy(() -> groups.join(ANA, "NoSuchCode0000000000000"))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(406));
        assertThatThrownBy(() -> groups.join(BIA, newCode))
                .isInstanceOfSatisfying(GroupException.class, refused -> assertThat(refused.code()).isEqualTo(409));
    }
}
