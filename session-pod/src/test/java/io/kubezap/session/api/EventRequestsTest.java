package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.MessageContent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an event must be before it goes out: as WhatsApp's apps check it, each problem named by its field. */
class EventRequestsTest {

    private static final long START = 2_063_137_000L;

    @Test
    void anEventWithEveryFieldIsTakenAsGiven() {
        List<FieldError> errors = new ArrayList<>();
        var event = (MessageContent.Event) EventRequests.event(new SendMessageRequest.EventRequest(" Revisão ", "Traga o manual",
                START, START + 3600, new MessageContent.Event.EventPlace("Oficina"), "https://call.whatsapp.com/voice/Ab12", true), errors);

        assertThat(errors).isEmpty();
        assertThat(event).isEqualTo(new MessageContent.Event("Revisão", "Traga o manual", new MessageContent.Event.EventPlace("Oficina"),
                "https://call.whatsapp.com/voice/Ab12", START, START + 3600, true, false));
    }

    @Test
    void aNamelessEventThatEndsBeforeItStartsWithAForeignLinkNamesEachField() {
        List<FieldError> errors = new ArrayList<>();
        var event = EventRequests.event(new SendMessageRequest.EventRequest(" ", null, START, START, null,
                "https://meet.example.com/x", null), errors);

        assertThat(event).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("event.name", "event.endTime", "event.joinLink");
    }

    @Test
    void anEventWithoutAStartIsRefused() {
        List<FieldError> errors = new ArrayList<>();
        EventRequests.event(new SendMessageRequest.EventRequest("Revisão", null, null, null, null, null, null), errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("event.startTime");
    }

    @Test
    void aChangeKeepsWhatItDoesNotGiveAndIsCheckedAgainstTheEventAsItIs() {
        var current = new MessageContent.Event("Revisão", "Traga o manual", new MessageContent.Event.EventPlace("Oficina"), null,
                START, START + 3600, false, false);
        List<FieldError> errors = new ArrayList<>();

        var moved = EventRequests.changed(current, new SendMessageRequest.EventRequest("Revisão (novo horário)", null,
                START + 7200, START + 10_800, null, null, null), errors);
        assertThat(errors).isEmpty();
        assertThat(moved).isEqualTo(new MessageContent.Event("Revisão (novo horário)", "Traga o manual",
                new MessageContent.Event.EventPlace("Oficina"), null, START + 7200, START + 10_800, false, false));

        EventRequests.changed(current, new SendMessageRequest.EventRequest(null, null, START + 7200, null, null, null, null), errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("event.endTime");
    }
}
