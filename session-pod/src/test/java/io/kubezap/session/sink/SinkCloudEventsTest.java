package io.kubezap.session.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PairingMethod;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.trace.TraceContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvents mapping the session pod README documents, read back from the serialized document. */
class SinkCloudEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SinkCloudEvents cloudEvents = new SinkCloudEvents(() -> new SessionSettings("loja-01", "shop", "key",
            Path.of("."), PairingMethod.QR, Optional.empty(), 30, Optional.of("2.3000.1"), false), json);

    @Test
    void aReceivedMessageIsACloudEventOfItsSessionAboutItsChat() throws Exception {
        JsonNode event = serialized(new SinkEvent(42, "message.received", Instant.parse("2026-11-24T10:00:00Z"),
                "{\"id\": \"m1\", \"chat\": \"5511988887777@s.whatsapp.net\", \"text\": \"Oi\"}"));

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo("42");
        assertThat(event.path("source").asText()).isEqualTo("/api/v1/namespaces/shop/sessions/loja-01");
        assertThat(event.path("type").asText()).isEqualTo("io.kubezap.message.received");
        assertThat(event.path("subject").asText()).isEqualTo("5511988887777@s.whatsapp.net");
        assertThat(Instant.parse(event.path("time").asText())).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("data").path("text").asText()).as("data is the payload as JSON, not base64").isEqualTo("Oi");
    }

    @Test
    void theSubjectIsTheChatWhereverTheEventNamesIt() throws Exception {
        assertThat(subject("message.revoked", "{\"message\": {\"chat\": \"123@g.us\"}}")).isEqualTo("123@g.us");
        assertThat(subject("group.update", "{\"group\": \"123@g.us\", \"by\": \"55@s.whatsapp.net\"}")).isEqualTo("123@g.us");
        assertThat(subject("presence.update", "{\"jid\": \"55@s.whatsapp.net\"}")).isEqualTo("55@s.whatsapp.net");
        assertThat(subject("call.received", "{\"id\": \"c1\", \"from\": \"55@s.whatsapp.net\"}")).isEqualTo("55@s.whatsapp.net");
        assertThat(serialized(new SinkEvent(1, "session.status", Instant.EPOCH, "{\"phase\": \"Connected\"}")).has("subject"))
                .as("an event about the session itself has no subject").isFalse();
    }

    @Test
    void anEventARequestCausedCarriesItsTraceContextAsTheDistributedTracingExtension() throws Exception {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        JsonNode event = serialized(new SinkEvent(7, "message.sent", Instant.EPOCH, "{\"chat\": \"55@s.whatsapp.net\"}",
                new TraceContext(parent, "congo=t61rcWkgMzE")));

        assertThat(event.path("traceparent").asText()).isEqualTo(parent);
        assertThat(event.path("tracestate").asText()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(serialized(new SinkEvent(8, "message.received", Instant.EPOCH, "{}")).has("traceparent"))
                .as("an event no request caused carries none").isFalse();
    }

    private String subject(String type, String payload) throws Exception {
        return serialized(new SinkEvent(1, type, Instant.EPOCH, payload)).path("subject").asText();
    }

    private JsonNode serialized(SinkEvent event) throws Exception {
        return json.readTree(cloudEvents.serialize(event));
    }
}
