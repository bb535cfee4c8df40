package io.kubezap.simulator.group;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group WhatsApp addresses by its members' LIDs ({@code addressing_mode="lid"}): its metadata and notifications name
 * members by LID with the number beside ({@code phone_number}, {@code creator_pn}, {@code participant_pn}), as
 * Baileys 7 and whatsmeow read them; a group addressed by number keeps numbers, each LID beside.
 */
class LidAddressedGroupsTest {
    private static final String OWNER = "5511900000021";
    private static final String ANA = "5511900000022";
    private static final Map<String, Jid> LIDS = Map.of(OWNER, Jid.of("100000000000021@lid"), ANA, Jid.of("100000000000022@lid"));

    private final List<Node> told = new ArrayList<>();
    private final Groups groups = new Groups(number -> true, (number, actor) -> false, (numbers, notification) -> told.add(notification),
            Clock.fixed(Instant.parse("2026-11-25T19:00:00Z"), ZoneOffset.UTC), number -> Optional.ofNullable(LIDS.get(number)));

    @Test
    void aLidAddressedGroupsMetadataNamesMembersByLidWithTheirNumbersBeside() {
        var group = groups.create(OWNER, "Entregas", List.of(ANA), true).group();

        var metadata = GroupNodes.group(group, number -> Optional.ofNullable(LIDS.get(number)));

        assertThat(metadata.attributes().getString("addressing_mode", "")).isEqualTo("lid");
        assertThat(metadata.attributes().getRequiredJid("creator")).isEqualTo(LIDS.get(OWNER));
        assertThat(metadata.attributes().getRequiredJid("creator_pn")).isEqualTo(GroupNodes.user(OWNER));
        assertThat(metadata.attributes().getRequiredJid("s_o_pn")).isEqualTo(GroupNodes.user(OWNER));
        assertThat(metadata.listChildren("participant")).extracting(participant -> participant.attributes().getRequiredJid("jid")
                + " " + participant.attributes().getRequiredJid("phone_number"))
                .containsExactly(LIDS.get(OWNER) + " " + GroupNodes.user(OWNER), LIDS.get(ANA) + " " + GroupNodes.user(ANA));

        var create = told.getLast();
        assertThat(create.attributes().getRequiredJid("participant")).isEqualTo(LIDS.get(OWNER));
        assertThat(create.attributes().getRequiredJid("participant_pn")).isEqualTo(GroupNodes.user(OWNER));
        assertThat(create.findChild("create").orElseThrow().findChild("group").orElseThrow()
                .attributes().getString("addressing_mode", "")).isEqualTo("lid");
    }

    @Test
    void aGroupAddressedByNumberKeepsNumbersWithEachLidBeside() {
        var group = groups.create(OWNER, "Equipe", List.of(ANA)).group();

        var metadata = GroupNodes.group(group, number -> Optional.ofNullable(LIDS.get(number)));

        assertThat(metadata.attributes().getOptionalString("addressing_mode")).isEmpty();
        assertThat(metadata.attributes().getRequiredJid("creator")).isEqualTo(GroupNodes.user(OWNER));
        assertThat(metadata.listChildren("participant")).extracting(participant -> participant.attributes().getRequiredJid("jid")
                + " " + participant.attributes().getRequiredJid("lid"))
                .containsExactly(GroupNodes.user(OWNER) + " " + LIDS.get(OWNER), GroupNodes.user(ANA) + " " + LIDS.get(ANA));
        assertThat(told.getLast().attributes().getRequiredJid("participant")).isEqualTo(GroupNodes.user(OWNER));
        assertThat(told.getLast().attributes().getOptionalString("participant_pn")).isEmpty();
    }
}
