package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceListNoticesTest {

    private static final Jid ANA = Jid.of("5511988880001", JidServer.whatsapp());
    private static final Jid ANAS_LID = Jid.of("201234567890123", JidServer.lid());
    private static final Jid BIA = Jid.of("5511977770001", JidServer.whatsapp());

    @Test
    void aDevicesNotificationForgetsTheAccountsListUnderItsNumberAndItsLid() {
        var cache = new HashMap<Jid, List<Jid>>(Map.of(ANA, List.of(ANA.withDevice(0)), ANAS_LID, List.of(ANAS_LID.withDevice(0)),
                BIA, List.of(BIA.withDevice(0))));
        var removed = Node.of("notification", Map.of("from", ANA, "lid", ANAS_LID, "type", "devices", "id", "1"),
                Node.of("remove", Map.of("device_hash", "2:AAAAAAAA"), Node.of("device", Map.of("jid", ANA.withDevice(3)))));

        assertThat(DeviceListNotices.isDevicesNotification(removed)).isTrue();
        assertThat(DeviceListNotices.forget(cache, removed)).isTrue();

        assertThat(cache).containsOnlyKeys(BIA);
    }

    @Test
    void otherNotificationsAreNotDeviceChanges() {
        assertThat(DeviceListNotices.isDevicesNotification(Node.of("notification", Map.of("from", ANA, "type", "server_sync")))).isFalse();
        assertThat(DeviceListNotices.isDevicesNotification(Node.of("iq", Map.of("type", "devices")))).isFalse();
    }
}
