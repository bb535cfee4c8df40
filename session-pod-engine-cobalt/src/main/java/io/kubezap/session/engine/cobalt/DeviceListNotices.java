package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.util.Map;

/**
 * WhatsApp's word that an account's devices changed ({@code <notification type="devices">}: a companion linked, logged
 * out or was unlinked), which Cobalt 0.0.10 does not read: it keeps every user's device list for the life of the process
 * and sends only to those devices, so a contact's new companion never got the session's messages and a removed one was
 * still encrypted for. The account's cached list, under its number ({@code from}) and its LID ({@code lid}), is
 * forgotten, and Cobalt asks WhatsApp for it again at the next send.
 */
final class DeviceListNotices {

    private DeviceListNotices() {
    }

    static boolean isDevicesNotification(Node node) {
        return node.description().equals("notification") && node.attributes().getString("type", "").equals("devices");
    }

    /** Forgets the notified account's devices in {@code client}'s cache. */
    static void heard(Whatsapp client, Node notification) {
        forget(GroupSenderKeys.devicesCache(client), notification);
    }

    /** @return whether a cached list was forgotten */
    static boolean forget(Map<Jid, ?> devicesCache, Node notification) {
        var forgotten = false;
        for (var attribute : new String[]{"from", "lid"}) {
            var account = notification.attributes().getOptionalJid(attribute).map(Jid::toSimpleJid);
            if (account.isPresent()) {
                forgotten |= devicesCache.remove(account.get()) != null;
            }
        }
        return forgotten;
    }
}
