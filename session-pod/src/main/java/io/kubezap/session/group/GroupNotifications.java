package io.kubezap.session.group;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
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
        sync.refresh(notified.groupJid(), (handle, stored, answered) -> {
            var now = Timestamps.now();
            var happened = GroupEvents.of(notified, sync.accountJid(), stored, jid -> addresses.resolve(handle, jid));
            if (!answered && accountLeft(happened)) {
                // WhatsApp could not be asked, so its word is the notification's: the account is out of the group
                groups.delete(handle, notified.groupJid());
            }
            if (notified.notificationId() == null || groups.firstTime(handle, notified.notificationId(), now)) {
                firstTime.set(true);
                events.appendAll(handle, happened, now);
            }
        });
        notified.changes().stream().filter(GroupChange.Link.class::isInstance).map(GroupChange.Link.class::cast)
                .forEach(link -> sync.refresh(link.groupJid(), (handle, linked, answered) -> linked.filter(group -> firstTime.get())
                        .ifPresent(group -> events.appendAll(handle, List.of(GroupEvents.linked(notified, link, group)),
                                Timestamps.now()))));
    }

    private static boolean accountLeft(List<PendingEvent> happened) {
        return happened.stream().anyMatch(event -> EventCatalogue.GROUP_LEFT.equals(event.type()));
    }
}
