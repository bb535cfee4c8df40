package io.kubezap.session.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.ContactCard;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.state.SessionTransitions;
import io.kubezap.session.state.StateChanges;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What waits for the database on the volume comes back from it as it was: every kind WhatsApp delivers, NUL and all. */
class SpooledWritesTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00.123456Z");
    private static final String ANA = "5511988880001@s.whatsapp.net";
    private static final String GROUP = "120363000000000001@g.us";

    private final DeliveredWrites delivered = new DeliveredWrites(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    private final StateChanges states = new StateChanges(null, null, null);

    @Test
    void everyKindOfDeliveryComesBackEqual() {
        List<EngineEvent.Delivered> deliveries = List.of(
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W1", ANA, ANA, "A\u0000na",
                        new MessageContent.Text("oi\u0000"), "Q1", List.of(ANA), AT, false)),
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W2", GROUP, ANA, "Ana",
                        new MessageContent.Media(MediaKind.VOICE, "audio/ogg", 10L, "ab", null, "legenda",
                                new MediaLocator(MediaKind.VOICE, null, "/v/1", "a2V5", "ab", "cd", 10)), null, List.of(), AT)),
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W3", ANA, ANA, "Ana",
                        new MessageContent.Contacts(List.of(new ContactCard("Bia", List.of("5511"), "BEGIN:VCARD"))), null, List.of(), AT, true)),
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W4", ANA, ANA, "Ana",
                        new MessageContent.Poll("Quando?", List.of("Já", "Depois"), 1), null, List.of(), AT)),
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W5", ANA, ANA, "Ana",
                        new MessageContent.Location(-23.5, -46.6, null, "Sé"), null, List.of(), AT)),
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W6", ANA, ANA, null,
                        new MessageContent.Other("live_location", null), null, List.of(), AT)),
                new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("W7", ANA, ANA, "Ana",
                        new MessageContent.Text("oi"), null, List.of(), AT, false, null,
                        io.kubezap.session.engine.RawMessage.lazily(() -> "{\"key\":{\"id\":\"W7\"},\"message\":{\"conversation\":\"oi\"}}"))),
                new EngineEvent.MessageUpdated("U1", new MessageRef(ANA, "W1", false, ANA), ANA, false, new MessageUpdate.Reaction("👍"), AT),
                new EngineEvent.MessageUpdated("U2", new MessageRef(ANA, "W1", true, null), ANA, true, new MessageUpdate.Revoke(), AT),
                new EngineEvent.MessageUpdated("U3", new MessageRef(ANA, "W4", false, ANA), ANA, false, new MessageUpdate.PollVote(List.of("Já")), AT),
                new EngineEvent.CallUpdated("C1", ANA, true, EngineEvent.CallState.RINGING, AT, false),
                new EngineEvent.PresenceUpdated(ANA, EngineEvent.PresenceState.COMPOSING, null, ANA, AT),
                new EngineEvent.GroupNotified("N1", GROUP, ANA, AT, List.of(
                        new GroupChange.Created(new GroupInfo(GROUP, "Equi\u0000pe", null, ANA, true, false,
                                List.of(new GroupInfo.Participant(ANA, "superadmin")))),
                        new GroupChange.Participants("add", List.of(ANA), "invite"), new GroupChange.Description(null),
                        new GroupChange.Locked(true))),
                new EngineEvent.ReceiptReceived("W1", ANA, EngineEvent.Receipt.READ, AT, ANA),
                new EngineEvent.AddressLearned("123@lid", ANA, "message"),
                new EngineEvent.ContactSaved(ANA, "Ana\u0000Maria", "Ana"),
                new EngineEvent.BusinessNameSeen(ANA, "Padaria"),
                new EngineEvent.ChatChanged(ANA, new ChatChange.Archive(true), AT),
                new EngineEvent.ChatChanged(ANA, new ChatChange.Mute(ChatChange.MUTED_FOREVER), AT),
                new EngineEvent.ChatChanged(GROUP, new ChatChange.Star("W1", false, ANA, true), AT),
                new EngineEvent.ChatChanged(ANA, new ChatChange.Label("3", null, true), AT),
                new EngineEvent.ChatChanged(ANA, new ChatChange.Conversation(true, AT, null, 4, false), AT),
                new EngineEvent.ChatChanged(ANA, new ChatChange.Delete(), AT),
                new EngineEvent.DisappearingChanged("E1", ANA, ANA, false, 604_800, AT),
                new EngineEvent.DefaultDisappearingChanged(86_400, AT),
                new EngineEvent.LabelEdited(new LabelChange("3", "Pedi\u0000do", 2, false), AT),
                new EngineEvent.HistorySynced("recent", 2, 40, List.of(new io.kubezap.session.engine.HistoryConversation(ANA, "Ana",
                        1, true, AT, null, List.of(new EngineEvent.IncomingMessage("H1", ANA, ANA, "Ana",
                                new MessageContent.Text("antiga"), null, List.of(), AT, false))))),
                new EngineEvent.HistorySynced("on-demand", 0, null, List.of()));

        for (EngineEvent.Delivered delivery : deliveries) {
            assertThat(delivered.json().read(delivered.json().write(delivery))).isEqualTo(delivery);
        }
    }

    @Test
    void aStateChangeComesBackWithItsEventsAsTheJsonTheyWere() throws Exception {
        var state = new SessionState("loja", "shop", PodPhase.Reconnecting, null, null,
                new io.kubezap.contract.Account(ANA, "5511988880001", "Loja"), AT, 3, new SessionState.LastError("Conflict", "replaced", AT), null, null);
        var event = new PendingEvent("session.disconnected", new SessionTransitions.Disconnection("Conflict", "replaced", AT));
        var change = new StateChanges.Change(state, List.of(event), AT);

        StateChanges.Change back = states.json().read(states.json().write(change));

        assertThat(back.state()).isEqualTo(state);
        assertThat(back.at()).isEqualTo(AT);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(back.events()).singleElement().satisfies(spooled -> {
            assertThat(spooled.type()).isEqualTo("session.disconnected");
            assertThat(json.writeValueAsString(spooled.payload())).isEqualTo(json.writeValueAsString(event.payload()));
        });
    }
}
