package io.kubezap.session.group;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.Address;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.event.PendingEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The events one group notification makes: {@code group.participants} per participant change, {@code group.joined} /
 * {@code group.left} when the account itself came in or went out, {@code group.join_request} per change to requests to
 * join, and one {@code group.update} for the subject, description, picture and settings it changed (a community's link
 * of a group is that group's update: {@link #linked}). Each names who did it ({@code by}).
 */
final class GroupEvents {

    private GroupEvents() {
    }

    static List<PendingEvent> of(EngineEvent.GroupNotified notified, String accountJid, Optional<GroupSummary> stored) {
        return of(notified, accountJid, stored, jid -> Address.of(jid, null, null));
    }

    /**
     * The events, each person named as everywhere else in the API ({@code addresses}: both forms of an address as the
     * session knows them): {@code by} and {@code participants} by the number's JID once known (a LID-addressed group's
     * notifications name them by LID), with {@code byLid}/{@code byPhoneNumber} and, per participant, {@code addresses}
     * ({@code jid}, {@code lid}, {@code phoneNumber}) beside.
     */
    static List<PendingEvent> of(EngineEvent.GroupNotified told, String accountJid, Optional<GroupSummary> stored,
                                 Function<String, Address> addresses) {
        var notified = named(told, addresses);
        var by = addresses.apply(notified.actorJid());
        var events = new ArrayList<PendingEvent>();
        var changed = new LinkedHashMap<String, Object>();
        for (var change : notified.changes()) {
            switch (change) {
                case GroupChange.Created created -> events.add(joined(notified, stored, "created"));
                case GroupChange.Participants participants -> {
                    events.add(participants(notified, participants));
                    if (participants.participants().contains(accountJid)) {
                        membership(notified, accountJid, participants, stored).ifPresent(events::add);
                    }
                }
                case GroupChange.Subject subject -> changed.put("subject", subject.subject());
                case GroupChange.Description description -> changed.put("description", description.description());
                case GroupChange.Announce announce -> changed.put("announce", announce.announce());
                case GroupChange.Locked locked -> changed.put("locked", locked.locked());
                case GroupChange.Ephemeral ephemeral -> changed.put("ephemeralSeconds", ephemeral.seconds());
                case GroupChange.JoinApproval approval -> changed.put("joinApproval", approval.required());
                case GroupChange.MemberAddMode mode -> changed.put("memberAddMode", mode.mode());
                case GroupChange.Picture picture -> changed.put("picture", picture.pictureId());
                case GroupChange.JoinRequests requests -> events.add(joinRequests(notified, requests));
                case GroupChange.Link ignored -> {
                    // about the linked group, not this community: see linked()
                }
            }
        }
        if (!changed.isEmpty()) {
            var update = base(notified);
            update.put("changes", changed);
            update.put("current", stored.orElse(null));
            events.add(new PendingEvent(EventCatalogue.GROUP_UPDATE, update));
        }
        events.forEach(event -> withAddresses(event, by, addresses));
        return events;
    }

    /** {@code notified} with its actor and participants by the number's JID where the session knows it. */
    private static EngineEvent.GroupNotified named(EngineEvent.GroupNotified notified, Function<String, Address> addresses) {
        Function<List<String>, List<String>> canonical = jids -> jids.stream().map(jid -> addresses.apply(jid).jid()).toList();
        var changes = notified.changes().stream().map(change -> switch (change) {
            case GroupChange.Participants participants -> new GroupChange.Participants(participants.action(),
                    canonical.apply(participants.participants()), participants.reason());
            case GroupChange.JoinRequests requests -> new GroupChange.JoinRequests(requests.action(),
                    canonical.apply(requests.participants()), requests.method());
            default -> change;
        }).toList();
        return new EngineEvent.GroupNotified(notified.notificationId(), notified.groupJid(),
                notified.actorJid() == null ? null : addresses.apply(notified.actorJid()).jid(), notified.at(), changes);
    }

    @SuppressWarnings("unchecked")
    private static void withAddresses(PendingEvent event, Address by, Function<String, Address> addresses) {
        var payload = (Map<String, Object>) event.payload();
        payload.put("byLid", by.lid());
        payload.put("byPhoneNumber", by.phoneNumber());
        if (payload.get("participants") instanceof List<?> participants) {
            payload.put("addresses", participants.stream().map(jid -> addresses.apply((String) jid)).toList());
        }
    }

    private static Optional<PendingEvent> membership(EngineEvent.GroupNotified notified, String accountJid,
                                                     GroupChange.Participants change, Optional<GroupSummary> stored) {
        return switch (change.action()) {
            case "add" -> Optional.of(joined(notified, stored, switch (change.reason() == null ? "" : change.reason()) {
                case "invite" -> "invite";
                case "membership_approval" -> "approved";
                default -> "added";
            }));
            case "remove" -> Optional.of(left(notified, accountJid.equals(notified.actorJid()) ? "left" : "removed"));
            case "leave" -> Optional.of(left(notified, "left"));
            default -> Optional.empty();
        };
    }

    /**
     * The community {@code notified} names linked or unlinked a group the account is in ({@code linkedGroup}, as now
     * stored): a {@code group.update} of that group, its {@code parent} changed.
     */
    static PendingEvent linked(EngineEvent.GroupNotified notified, GroupChange.Link link, GroupSummary linkedGroup) {
        var update = base(notified);
        update.put("group", link.groupJid());
        var changes = new LinkedHashMap<String, Object>();
        changes.put("parent", link.linked() ? notified.groupJid() : null);
        update.put("changes", changes);
        update.put("current", linkedGroup);
        return new PendingEvent(EventCatalogue.GROUP_UPDATE, update);
    }

    private static PendingEvent joinRequests(EngineEvent.GroupNotified notified, GroupChange.JoinRequests requests) {
        return aboutParticipants(EventCatalogue.GROUP_JOIN_REQUEST, notified, requests.action(), requests.participants(),
                "method", requests.method());
    }

    private static PendingEvent participants(EngineEvent.GroupNotified notified, GroupChange.Participants change) {
        return aboutParticipants(EventCatalogue.GROUP_PARTICIPANTS, notified, change.action(), change.participants(),
                "reason", change.reason());
    }

    /** What happened to some of the group's participants (or would-be participants), with why or how ({@code detail}). */
    private static PendingEvent aboutParticipants(String type, EngineEvent.GroupNotified notified, String action,
                                                  List<String> participants, String detail, String value) {
        var payload = base(notified);
        payload.put("action", action);
        payload.put("participants", participants);
        payload.put(detail, value);
        return new PendingEvent(type, payload);
    }

    private static PendingEvent joined(EngineEvent.GroupNotified notified, Optional<GroupSummary> stored, String reason) {
        var payload = base(notified);
        payload.put("reason", reason);
        payload.put("current", stored.orElse(null));
        return new PendingEvent(EventCatalogue.GROUP_JOINED, payload);
    }

    private static PendingEvent left(EngineEvent.GroupNotified notified, String reason) {
        var payload = base(notified);
        payload.put("reason", reason);
        return new PendingEvent(EventCatalogue.GROUP_LEFT, payload);
    }

    private static Map<String, Object> base(EngineEvent.GroupNotified notified) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("group", notified.groupJid());
        payload.put("by", notified.actorJid());
        payload.put("at", notified.at());
        return payload;
    }
}
