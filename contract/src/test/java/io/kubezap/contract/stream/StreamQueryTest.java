package io.kubezap.contract.stream;

import io.kubezap.contract.QueryValues;
import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.filter.EventDirection;
import io.kubezap.contract.filter.EventFilter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a stream's client asks, read the same way by a session pod and the gateway; and what the streams send. */
class StreamQueryTest {

    private static StreamQuery query(String header, Map<String, List<String>> parameters) {
        return StreamQuery.of(header, name -> parameters.getOrDefault(name, List.of()));
    }

    @Test
    void theHeaderWinsOverTheQueryParameterWhichBrowsersUse() {
        assertThat(query("41", Map.of("lastEventId", List.of("7"))).resumeAfter()).isEqualTo(OptionalLong.of(41));
        assertThat(query(" ", Map.of("lastEventId", List.of(" 7 "))).resumeAfter()).isEqualTo(OptionalLong.of(7));
        assertThat(query(null, Map.of()).resumeAfter()).isEmpty();
    }

    @Test
    void aResumePointThatIsNoEventIdIsRefusedNamingTheHeader() {
        assertThatThrownBy(() -> query("abc", Map.of()))
                .isInstanceOfSatisfying(EventFilter.Invalid.class, e -> assertThat(e.field()).isEqualTo("Last-Event-ID"))
                .hasMessageContaining("must be an event id");
    }

    @Test
    void typesRepeatOrAreCommaSeparatedAndTheFilterComesFromTheQuery() {
        StreamQuery query = query(null, Map.of("type", List.of("message.received, message.sent", "session.status", ","),
                "chats", List.of("groups,5511999990000"), "direction", List.of("incoming"), "fromMe", List.of("false")));

        assertThat(query.types()).containsExactlyInAnyOrder("message.received", "message.sent", "session.status");
        assertThat(query.filter().chats()).containsExactly("groups", "5511999990000");
        assertThat(query.filter().direction()).isEqualTo(EventDirection.Incoming);
        assertThat(query.filter().fromMe()).isFalse();
    }

    @Test
    void aBadFilterIsRefusedNamingItsField() {
        assertThatThrownBy(() -> query(null, Map.of("direction", List.of("sideways"))))
                .isInstanceOfSatisfying(EventFilter.Invalid.class, e -> assertThat(e.field()).isEqualTo("direction"));
    }

    @Test
    void queryValuesSplitCommasStripAndDropBlanks() {
        assertThat(QueryValues.list(Arrays.asList(" a ,b", null, "", "a"))).containsExactly("a", "b", "a");
        assertThat(QueryValues.set(null)).isEqualTo(Set.of());
    }

    @Test
    void sseFramesAndTheDroppedFrame() {
        assertThat(StreamFrames.sseEvent(42, "message.received", "{\"id\":42}"))
                .isEqualTo("id: 42\nevent: message.received\ndata: {\"id\":42}\n\n");
        assertThat(StreamFrames.sseComment(StreamFrames.HEARTBEAT)).isEqualTo(": heartbeat\n\n");
        assertThat(StreamFrames.sseComment(StreamFrames.opened(41)))
                .isEqualTo(": kubezap event stream; resuming after event 41\n\n");
        StreamDropped dropped = StreamDropped.slowClient(41, "too slow");
        assertThat(StreamFrames.droppedJson(dropped)).isEqualTo("{\"type\":\"stream.dropped\",\"reason\":\"slow-client\","
                + "\"detail\":\"too slow; reconnect with Last-Event-ID to resume\",\"lastEventId\":41}");
        assertThat(StreamFrames.sseDropped(dropped))
                .isEqualTo("event: stream.dropped\ndata: " + StreamFrames.droppedJson(dropped) + "\n\n");
    }
}
