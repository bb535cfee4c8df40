package io.kubezap.operator.model;

import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.api.v1alpha1.EventPayload;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.Events;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.payload.MediaPayload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which webhooks and sinks a session gets: its own, else its namespace's, else the installation's webhooks; sinks
 * merged by name, the session's own winning; the status names each by where it came from, webhooks by their label.
 */
class SessionOutputsTest {

    private static final SessionDefaults NAMESPACE = SessionDefaults.parse("""
            webhooks: [{url: "https://team.example.com/hooks/T01/B02/secret-path"}]
            events:
              sinks:
                - {name: audit, kind: NATS, address: "nats://nats:4222", destination: audit}
                - {name: orders, kind: NATS, address: "nats://nats:4222", destination: team-orders}
            """, "test");
    private static final SessionDefaults INSTALLATION = SessionDefaults.installation(
            Optional.of("[{\"url\": \"https://platform.example.com/wa\"}]"));

    @Test
    void aSessionWithoutWebhooksTakesItsNamespacesThenTheInstallationsOwnOnesWin() {
        WhatsAppSession bare = TestSessions.session("loja-30");
        WhatsAppSession own = TestSessions.session("loja-31");
        own.getSpec().setWebhooks(List.of(new Webhook("https://own.example.com/wa", List.of(), null)));

        assertThat(urls(SessionOutputs.of(bare.getSpec(), NAMESPACE, INSTALLATION))).containsExactly("https://team.example.com/hooks/T01/B02/secret-path");
        assertThat(urls(SessionOutputs.of(bare.getSpec(), SessionDefaults.NONE, INSTALLATION))).containsExactly("https://platform.example.com/wa");
        assertThat(urls(SessionOutputs.of(own.getSpec(), NAMESPACE, INSTALLATION))).containsExactly("https://own.example.com/wa");
        assertThat(urls(SessionOutputs.of(bare.getSpec(), SessionDefaults.NONE, SessionDefaults.NONE))).isEmpty();
    }

    @Test
    void sinksMergeByNameTheSessionsOwnWinningAndTheStatusSaysWhereEachCameFrom() {
        WhatsAppSession session = TestSessions.session("loja-32");
        EventSink orders = new EventSink();
        orders.setName("orders");
        orders.setKind(EventSinkFile.Kind.Kafka);
        orders.setAddress("kafka:9092");
        orders.setDestination("own-orders");
        Events events = new Events();
        events.setSinks(List.of(orders));
        session.getSpec().setEvents(events);

        SessionOutputs outputs = SessionOutputs.of(session.getSpec(), NAMESPACE, INSTALLATION);
        WhatsAppSession applied = outputs.applyTo(session);

        assertThat(applied.getSpec().effectiveSinks()).extracting(EventSink::getDestination).containsExactly("own-orders", "audit");
        EffectiveOutputs status = outputs.status(InstallationSinks.NONE);
        assertThat(status.getSinks()).extracting(EffectiveOutputs.Output::toString)
                .containsExactly("orders (Session)", "audit (Namespace)");
        assertThat(status.getWebhooks()).singleElement().satisfies(webhook -> {
            assertThat(webhook.getFrom()).isEqualTo("Namespace");
            assertThat(webhook.getTarget()).startsWith("https://team.example.com #").doesNotContain("secret-path");
        });
        assertThat(session.getSpec().getWebhooks()).as("the cached resource is not changed").isEmpty();
    }

    @Test
    void aSessionNoDefaultReachesIsRenderedFromItselfUnchanged() {
        WhatsAppSession session = TestSessions.session("loja-33");

        assertThat(SessionOutputs.of(session.getSpec(), SessionDefaults.NONE, SessionDefaults.NONE).applyTo(session)).isSameAs(session);
    }

    @Test
    void thePayloadShapeIsTheSessionsOwnElseItsNamespaces() {
        SessionDefaults namespace = SessionDefaults.parse("""
                events:
                  payload: {media: Base64, base64MaxSize: 2Mi, raw: true}
                """, "test");
        WhatsAppSession bare = TestSessions.session("loja-34");
        WhatsAppSession own = TestSessions.session("loja-35");
        EventPayload urls = new EventPayload();
        urls.setMedia(MediaPayload.Url);
        Events events = new Events();
        events.setPayload(urls);
        own.getSpec().setEvents(events);

        EventPayload taken = SessionOutputs.of(bare.getSpec(), namespace, SessionDefaults.NONE).applyTo(bare).getSpec().getEvents().getPayload();
        assertThat(taken.getMedia()).isEqualTo(MediaPayload.Base64);
        assertThat(taken.getBase64MaxSize()).isEqualTo("2Mi");
        assertThat(taken.getRaw()).isTrue();
        assertThat(SessionOutputs.of(own.getSpec(), namespace, SessionDefaults.NONE).applyTo(own)).as("its own, unchanged").isSameAs(own);
        assertThat(bare.getSpec().getEvents()).as("the cached resource is not changed").isNull();
        assertThatThrownBy(() -> SessionDefaults.parse("events: {payload: {base64MaxSize: 1Gi}}", "ConfigMap t/kubezap-session-defaults"))
                .hasMessageContaining("base64MaxSize is at most 16Mi");
    }

    @Test
    void defaultsAreRefusedForWhatTheCrdRefusesInASessionNamingWhereAndWhat() {
        assertThatThrownBy(() -> SessionDefaults.parse("webhooks: [{url: ftp://x.example.com}]", "ConfigMap t/kubezap-session-defaults"))
                .hasMessageStartingWith("ConfigMap t/kubezap-session-defaults: webhooks[0].url");
        assertThatThrownBy(() -> SessionDefaults.parse("webhooks: [{url: 'https://x.example.com', events: [message.recieved]}]", "here"))
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> SessionDefaults.parse("engine: Baileys", "here"))
                .hasMessageContaining("'engine' cannot be a default");
        assertThatThrownBy(() -> SessionDefaults.installation(Optional.of("[{\"url\": \"https://x.example.com\", \"auth\": {}}]")))
                .hasMessageStartingWith("kubezap.session.default-webhooks (the chart's session.defaults.webhooks)")
                .hasMessageContaining("exactly one of bearer, basic or oauth2");
    }

    private static List<String> urls(SessionOutputs outputs) {
        return outputs.webhooks().stream().map(Webhook::getUrl).toList();
    }
}
