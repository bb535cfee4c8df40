package io.kubezap.simulator.channel;

import io.kubezap.simulator.group.Group;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel server's rules, without a connection: who posts, server ids, history pages, one reaction per account. */
class ChannelServerTest {
    private static final byte[] HELLO = {0x0A, 0x02, 'O', 'i'};

    private final Channels channels = new Channels(jpeg -> new Group.GroupPicture("1", "https://mmg/1", "/1"),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void onlyTheOwnerPostsAndServerIdsIncreaseFromTheFirst() {
        var channel = channels.create("5511900000001", "Receitas", null, null);
        channels.follow("5511900000002", channel.jid());
        var first = channels.post("5511900000001", channel.id(), "A1", "text", null, HELLO);
        var second = channels.post("5511900000001", channel.jid(), "A2", "text", null, HELLO);
        assertThat(first.serverId()).isEqualTo(Channel.FIRST_SERVER_ID);
        assertThat(second.serverId()).isEqualTo(Channel.FIRST_SERVER_ID + 1);
        assertThat(first.audience()).containsExactlyInAnyOrder("5511900000001", "5511900000002");
        assertThatThrownBy(() -> channels.post("5511900000002", channel.id(), "B1", "text", null, HELLO))
                .isInstanceOfSatisfying(ChannelException.class, refused -> assertThat(refused.code()).isEqualTo(403));
        assertThat(channel.roleOf("5511900000003")).isEqualTo(ChannelRole.GUEST);
    }

    @Test
    void historyPagesBackwardsOldestFirst() {
        var channel = channels.create("5511900000001", "Avisos", "", null);
        for (var i = 0; i < 5; i++) {
            channels.post("5511900000001", channel.id(), "M" + i, "text", null, HELLO);
        }
        assertThat(channels.history(channel.id(), 2, 0)).extracting(ChannelPost::id).containsExactly("M3", "M4");
        assertThat(channels.history(channel.id(), 2, Channel.FIRST_SERVER_ID + 3)).extracting(ChannelPost::id).containsExactly("M1", "M2");
        assertThat(channels.history(channel.id(), 10, Channel.FIRST_SERVER_ID + 1)).extracting(ChannelPost::id).containsExactly("M0");
    }

    @Test
    void anAccountHasOneReactionPerMessageAndMayWithdrawIt() {
        var channel = channels.create("5511900000001", "Ofertas", null, null);
        var post = channels.post("5511900000001", channel.id(), "A1", "text", null, HELLO);
        channels.react("5511900000002", channel.id(), post.serverId(), "👍");
        channels.react("5511900000003", channel.id(), post.serverId(), "👍");
        channels.react("5511900000002", channel.id(), post.serverId(), "❤️");
        assertThat(post.reactionCounts()).isEqualTo(Map.of("👍", 1, "❤️", 1));
        channels.react("5511900000003", channel.id(), post.serverId(), "");
        assertThat(post.reactionCounts()).isEqualTo(Map.of("❤️", 1));
    }

    @Test
    void anInviteLinkOrItsCodeFindsTheChannelAndBadNamesAreRefused() {
        var channel = channels.create("5511900000001", "  Loja  ", null, null);
        assertThat(channel.name()).isEqualTo("Loja");
        assertThat(channel.inviteCode()).startsWith("0029Va").hasSize(24);
        assertThat(channels.byInviteCode("https://whatsapp.com/channel/" + channel.inviteCode())).contains(channel);
        assertThat(channels.byInviteCode(channel.inviteCode())).contains(channel);
        assertThat(channel.jid()).matches("120363[0-9]{12}@newsletter");
        assertThatThrownBy(() -> channels.create("5511900000001", " ", null, null)).isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> channels.create("5511900000001", "x".repeat(101), null, null)).isInstanceOf(ChannelException.class);
    }
}
