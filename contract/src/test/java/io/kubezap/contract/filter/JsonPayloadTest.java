package io.kubezap.contract.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EventCatalogue;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonPayload payload(String json) throws Exception {
        return new JsonPayload(JSON.readTree(json));
    }

    @Test
    void answersAValueAtAPointerAsText() throws Exception {
        JsonPayload payload = payload("{\"message\":{\"chat\":\"5511999990000\",\"fromMe\":true,\"n\":7}}");

        assertThat(payload.text("/message/chat")).isEqualTo("5511999990000");
        assertThat(payload.text("/message/fromMe")).isEqualTo("true");
        assertThat(payload.text("/message/n")).isEqualTo("7");
    }

    @Test
    void answersNothingWhereThePointerFindsNoValue() throws Exception {
        JsonPayload payload = payload("{\"message\":{\"chat\":{\"id\":\"x\"},\"tags\":[\"a\"]}}");

        assertThat(payload.text("/message/chat")).isNull();
        assertThat(payload.text("/message/tags")).isNull();
        assertThat(payload.text("/missing")).isNull();
    }

    @Test
    void givesAnEventItsSubject() throws Exception {
        EventSubject subject = EventSubject.of(EventCatalogue.MESSAGE_RECEIVED,
                payload("{\"chat\":\"5511999990000\",\"direction\":\"in\"}"));

        assertThat(subject.chat()).contains("5511999990000");
        assertThat(subject.direction()).isEqualTo(Optional.of(EventDirection.Incoming));
        assertThat(subject.fromMe()).contains(false);
    }
}
