package io.kubezap.session.group;

import io.kubezap.session.engine.EngineEvent.GroupNotified;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.event.PendingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GroupEventsTest {

    private static final String GROUP = "120363000000000014@g.us";
    private static final String ME = "5511999990014@s.whatsapp.net";
    private static final String ANA = "5511988880014@s.whatsapp.net";
    private static final Instant AT = Instant.parse("2026-11-22T23:00:00Z");
    private static final GroupSummary STORED = new GroupSummary(GROUP, "Vendas", null, ANA, 3, "member", false, false, 0, false, false, null, false, AT);

    @Test
    void anAdminRemovingTheAccountIsAParticipantChangeAndALeaveByThatAdmin() {
        var events = GroupEvents.of(notified(ANA, new GroupChange.Participants("remove", List.of(ME), null)), ME, Optional.empty());

        assertThat(events).extracting(PendingEvent::type).containsExactly("group.participants", "group.left");
        assertThat(payload(events.get(0))).containsEntry("action", "remove").containsEntry("participants", List.of(ME))
                .containsEntry("by", ANA).containsEntry("group", GROUP);
        assertThat(payload(events.get(1))).containsEntry("reason", "removed").containsEntry("by", ANA);
    }

    @Test
    void theAccountLeavingByItselfOrBeingAddedBackOrJoiningByLink() {
        assertThat(payload(GroupEvents.of(notified(ME, new GroupChange.Participants("leave", List.of(ME), null)), ME, Optional.empty())
                .getLast())).containsEntry("reason", "left");
        var added = GroupEvents.of(notified(ANA, new GroupChange.Participants("add", List.of(ME), null)), ME, Optional.of(STORED));
        assertThat(added.getLast().type()).isEqualTo("group.joined");
        assertThat(payload(added.getLast())).containsEntry("reason", "added").containsEntry("current", STORED);
        assertThat(payload(GroupEvents.of(notified(ME, new GroupChange.Participants("add", List.of(ME), "invite")), ME, Optional.of(STORED))
                .getLast())).containsEntry("reason", "invite");
    }

    @Test
    void othersComingAndGoingAreParticipantChangesOnly() {
        assertThat(GroupEvents.of(notified(ANA, new GroupChange.Participants("promote", List.of(ANA), null)), ME, Optional.of(STORED)))
                .extracting(PendingEvent::type).containsExactly("group.participants");
    }

    @Test
    void subjectDescriptionAndSettingsChangesAreOneUpdateSayingWhatChangedAndByWhom() {
        var events = GroupEvents.of(notified(ANA, new GroupChange.Subject("Vendas"), new GroupChange.Description(null),
                new GroupChange.Locked(true)), ME, Optional.of(STORED));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("group.update");
            assertThat(payload(event)).containsEntry("by", ANA).containsEntry("current", STORED);
            @SuppressWarnings("unchecked")
            var changes = (Map<String, Object>) payload(event).get("changes");
            assertThat(changes).containsEntry("subject", "Vendas").containsEntry("description", null).containsEntry("locked", true)
                    .doesNotContainKey("announce");
        });
    }

    @Test
    void aNewPictureIsAnUpdateNamingItsId() {
        var events = GroupEvents.of(notified(ANA, new GroupChange.Picture("1795000000123")), ME, Optional.of(STORED));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("group.update");
            assertThat(payload(event)).containsEntry("by", ANA).containsEntry("changes", Map.of("picture", "1795000000123"));
        });
        assertThat(payload(GroupEvents.of(notified(ANA, new GroupChange.Picture(null)), ME, Optional.of(STORED)).getFirst()))
                .extractingByKey("changes").isEqualTo(java.util.Collections.singletonMap("picture", null));
    }

    @Test
    void requestsToJoinAreAJoinRequestEventSayingWhatHappenedToThem() {
        var events = GroupEvents.of(notified(ANA, new GroupChange.JoinRequests("requested", List.of(ANA), "invite_link")), ME,
                Optional.of(STORED));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("group.join_request");
            assertThat(payload(event)).containsEntry("group", GROUP).containsEntry("by", ANA).containsEntry("action", "requested")
                    .containsEntry("participants", List.of(ANA)).containsEntry("method", "invite_link");
        });
    }

    @Test
    void aCreatedGroupIsJoined() {
        var events = GroupEvents.of(notified(ANA, new GroupChange.Created(null)), ME, Optional.of(STORED));
        assertThat(events).extracting(PendingEvent::type).containsExactly("group.joined");
        assertThat(payload(events.getFirst())).containsEntry("reason", "created");
    }

    private static GroupNotified notified(String by, GroupChange... changes) {
        return new GroupNotified("N1", GROUP, by, AT, List.of(changes));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(PendingEvent event) {
        return (Map<String, Object>) event.payload();
    }
}
