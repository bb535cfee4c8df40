package io.kubezap.operator.model;

import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.Events;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.EventSinkFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The name rule between the installation's sinks and a session's own: the installation's wins, and the session is told. */
class InstallationSinksTest {

    private static final InstallationSinks PLATFORM = InstallationSinks.parse(Optional.of(
            "[{\"name\":\"platform\",\"kind\":\"Kafka\",\"address\":\"kafka:9092\",\"destination\":\"all\"}]"));

    @Test
    void aSessionsSinkNamedLikeAnInstallationSinkIsNotUsedAndReportedAsIgnored() {
        WhatsAppSession session = TestSessions.session("loja-07");
        Events events = new Events();
        events.setSinks(List.of(sink("platform"), sink("mine")));
        session.getSpec().setEvents(events);

        assertThat(PLATFORM.effective(session.getSpec())).extracting(EventSink::getName, EventSink::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform", EventSinkFile.Kind.Kafka),
                        org.assertj.core.groups.Tuple.tuple("mine", EventSinkFile.Kind.NATS));
        assertThat(IgnoredSpecFields.of(session.getSpec(), PLATFORM)).singleElement().asString()
                .contains("spec.events.sinks 'platform' is ignored").contains("session.events.sinks");
        assertThat(IgnoredSpecFields.of(session.getSpec(), InstallationSinks.NONE)).isEmpty();
    }

    @Test
    void noSettingNoSinks() {
        assertThat(InstallationSinks.parse(Optional.empty())).isEqualTo(InstallationSinks.NONE);
        assertThat(InstallationSinks.parse(Optional.of("[]")).sinks()).isEmpty();
    }

    @Test
    void anInstallationSqsSinkWithoutItsRegionOrKeyPairAndSqsFieldsOnAnotherKindAreRefused() {
        assertThat(catchThrowable(() -> InstallationSinks.parse(Optional.of("[{\"name\":\"q\",\"kind\":\"SQS\","
                + "\"address\":\"https://sqs.eu-west-1.amazonaws.com\",\"destination\":\"https://sqs.eu-west-1.amazonaws.com/1/q.fifo\","
                + "\"usernameRef\":{\"name\":\"aws\",\"key\":\"id\"},\"passwordRef\":{\"name\":\"aws\",\"key\":\"secret\"}}]"))))
                .hasMessageContaining("SQS sink 'q' needs a region");
        assertThat(catchThrowable(() -> InstallationSinks.parse(Optional.of("[{\"name\":\"k\",\"kind\":\"Kafka\","
                + "\"address\":\"kafka:9092\",\"destination\":\"t\",\"region\":\"eu-west-1\"}]"))))
                .hasMessageContaining("for SQS sinks only");
    }

    private static EventSink sink(String name) {
        EventSink sink = new EventSink();
        sink.setName(name);
        sink.setKind(EventSinkFile.Kind.NATS);
        sink.setAddress("nats://nats:4222");
        sink.setDestination("mine");
        return sink;
    }
}
