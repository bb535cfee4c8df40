package io.kubezap.session.group;

import io.kubezap.session.address.AddressBook;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.event.EventRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What WhatsApp's group server tells the account's devices. Cobalt hands each notification over on its own thread, so
 * two of them may be handled out of order: the group is therefore asked of WhatsApp again each time (the last answer
 * is the newest state) rather than patched from the notification, and the events say what the notification said. A
 * community's notification that it linked or unlinked a group refreshes that group too.
 */
@Singleton
public class GroupNotifications {

    private final GroupSync sync;
    private final GroupRepository groups;
    private final EventRepository events;

    private final AddressBook addresses;

    public GroupNotifications(GroupSync sync, GroupRepository groups, EventRepository events, AddressBook addresses) {
        this.sync = sync;
        this.groups = groups;
        this.events = events;
        this.addresses = addresses;
    }

    public void received(EngineEvent.GroupNotified notified) {
        var firstTime = new AtomicBoolean();
        sync.refresh(notified.groupJid(), (handle, stored) -> {
            var now = Timestamps.now();
            if (notified.notificationId() == null || groups.firstTime(handle, notified.notificationId(), now)) {
                firstTime.set(true);
                events.appendAll(handle, GroupEvents.of(notified, sync.accountJid(), stored, jid -> addresses.resolve(handle, jid)), now);
            }
        });
        notified.changes().stream().filter(GroupChange.Link.class::isInstance).map(GroupChange.Link.class::cast)
                .forEach(link -> sync.refresh(link.groupJid(), (handle, linked) -> linked.filter(group -> firstTime.get())
                        .ifPresent(group -> events.appendAll(handle, List.of(GroupEvents.linked(notified, link, group)),
                                Timestamps.now()))));
    }
}
