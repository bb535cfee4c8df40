package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.crypto.GroupBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.signal.sender.SenderKeyName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GroupSenderKeysTest {

    private static final Jid SELF = Jid.of("5511999990001", JidServer.whatsapp(), 3, 0);
    private static final Jid GROUP = Jid.of("120363000000000001", JidServer.groupOrCommunity());
    private static final Jid BRUNO = device("5511988880001", 0);
    private static final Jid CAIO = device("5511977770001", 0);
    private static final Jid CAIOS_TABLET = device("5511977770001", 2);
    private static final Jid DUDA = device("5511966660001", 0);

    private final Keys keys = Keys.of(UUID.randomUUID(), null, List.of(), ClientType.WEB);
    private final SenderKeyName ownKey = new SenderKeyName(GROUP.toString(), SELF.toSignalAddress());

    @Test
    void aDeviceThatWasGivenTheKeyAndIsNoLongerInTheGroupRenewsIt() {
        var distributed = new GroupBuilder(keys).createOutgoing(ownKey);
        keys.addRecipientsWithPreKeys(GROUP, List.of(BRUNO, CAIO, CAIOS_TABLET));

        assertThat(GroupSenderKeys.renewIfOneLeft(keys, SELF, GROUP, List.of(BRUNO, CAIO, DUDA))).isTrue();

        assertThat(keys.hasGroupKeys(GROUP, BRUNO)).as("Bruno is to be given the new key").isFalse();
        assertThat(new GroupBuilder(keys).createOutgoing(ownKey)).as("the next post's key").isNotEqualTo(distributed);
    }

    @Test
    void newDevicesAloneKeepTheKey() {
        var distributed = new GroupBuilder(keys).createOutgoing(ownKey);
        keys.addRecipientsWithPreKeys(GROUP, List.of(BRUNO, CAIO));

        assertThat(GroupSenderKeys.renewIfOneLeft(keys, SELF, GROUP, List.of(BRUNO, CAIO, CAIOS_TABLET, DUDA))).isFalse();

        assertThat(keys.hasGroupKeys(GROUP, BRUNO)).isTrue();
        assertThat(keys.hasGroupKeys(GROUP, DUDA)).isFalse();
        assertThat(new GroupBuilder(keys).createOutgoing(ownKey)).isEqualTo(distributed);
    }

    private static Jid device(String number, int id) {
        return Jid.of(number, JidServer.whatsapp(), id, 0);
    }
}
