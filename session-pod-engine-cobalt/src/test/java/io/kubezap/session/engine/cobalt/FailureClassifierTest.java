package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.cobalt.ConnectionFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();

    @Test
    void failureWithUnlinkedDeviceCodeIsLoggedOut() {
        var failure = classifier.classify(NodeView.of("failure", Map.of("reason", "401", "location", "frc")));

        assertThat(failure).get().extracting(ConnectionFailure::kind).isEqualTo(Kind.LOGGED_OUT);
        assertThat(failure.get().message()).contains("401");
    }

    @Test
    void failure405IsAnOutdatedClientNotALogout() {
        var failure = classifier.classify(NodeView.of("failure", Map.of("reason", "405", "location", "frc")));

        assertThat(failure).get().extracting(ConnectionFailure::kind, ConnectionFailure::reason)
                .containsExactly(Kind.OUTDATED, "ClientOutdated");
        assertThat(failure.get().message()).contains("405");
    }

    @ParameterizedTest
    @ValueSource(strings = {"403", "503"})
    void failureWithBlockedCodeIsBanned(String reason) {
        var failure = classifier.classify(NodeView.of("failure", Map.of("reason", reason)));

        assertThat(failure).get().extracting(ConnectionFailure::kind, ConnectionFailure::reason)
                .containsExactly(Kind.BANNED, "Banned");
    }

    @Test
    void failureWithAnyOtherCodeIsTransient() {
        var failure = classifier.classify(NodeView.of("failure", Map.of("reason", "500")));

        assertThat(failure).get().extracting(ConnectionFailure::kind).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void failureWithoutReadableReasonIsTransient() {
        var failure = classifier.classify(NodeView.of("failure", Map.of("reason", "later")));

        assertThat(failure).get().extracting(ConnectionFailure::kind).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void streamErrorDeviceRemovedIsLoggedOut() {
        var node = NodeView.of("stream:error", Map.of("code", "401"),
                NodeView.of("conflict", Map.of("type", "device_removed")));

        var failure = classifier.classify(node);

        assertThat(failure).get().extracting(ConnectionFailure::kind).isEqualTo(Kind.LOGGED_OUT);
        assertThat(failure.get().message()).contains("device_removed");
    }

    @Test
    void streamErrorDeviceRemovedWithoutCodeIsLoggedOut() {
        var node = NodeView.of("stream:error", Map.of(), NodeView.of("conflict", Map.of("type", "device_removed")));

        assertThat(classifier.classify(node)).get().extracting(ConnectionFailure::kind).isEqualTo(Kind.LOGGED_OUT);
    }

    @Test
    void streamErrorConflictIsTransient() {
        var node = NodeView.of("stream:error", Map.of(), NodeView.of("conflict", Map.of("type", "replaced")));

        assertThat(classifier.classify(node)).get().extracting(ConnectionFailure::kind, ConnectionFailure::reason)
                .containsExactly(Kind.TRANSIENT, "Conflict");
    }

    @Test
    void streamError515AsksForARestart() {
        var failure = classifier.classify(NodeView.of("stream:error", Map.of("code", "515")));

        assertThat(failure).get().extracting(ConnectionFailure::kind, ConnectionFailure::reason)
                .containsExactly(Kind.RESTART, "RestartRequired");
    }

    @Test
    void streamError401IsLoggedOutAnd403IsBanned() {
        assertThat(classifier.classify(NodeView.of("stream:error", Map.of("code", "401"))))
                .get().extracting(ConnectionFailure::kind).isEqualTo(Kind.LOGGED_OUT);
        assertThat(classifier.classify(NodeView.of("stream:error", Map.of("code", "403"))))
                .get().extracting(ConnectionFailure::kind).isEqualTo(Kind.BANNED);
    }

    @Test
    void otherStreamErrorsAreTransient() {
        var node = NodeView.of("stream:error", Map.of("code", "500"), NodeView.of("bad-mac", Map.of()));

        assertThat(classifier.classify(node)).get().extracting(ConnectionFailure::kind).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void ordinaryNodesAreNoFailure() {
        assertThat(classifier.classify(NodeView.of("success", Map.of("lid", "1@lid")))).isEmpty();
        assertThat(classifier.classify(NodeView.of("iq", Map.of("type", "result")))).isEmpty();
    }
}
