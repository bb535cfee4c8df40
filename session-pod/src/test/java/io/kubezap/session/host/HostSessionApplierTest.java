package io.kubezap.session.host;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.host.HostSessionFile.Entry;
import io.kubezap.session.host.scope.SessionKeys;
import jakarta.enterprise.context.ContextNotActiveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostSessionApplierTest {

    private final HostedSessions sessions = new HostedSessions();
    private final List<String> calls = new ArrayList<>();
    private final HostSessionApplier applier = new HostSessionApplier(sessions, new RecordingRuntime(),
            Path.of("/var/lib/kubezap"));

    @AfterEach
    void releaseAll() {
        List.of("loja-01", "loja-02").forEach(sessions::release);
    }

    @Test
    void eachListedSessionStartsUnderItsOwnName() {
        applier.apply(changes(List.of(entry("loja-01"), entry("loja-02")), List.of(), List.of(), Map.of()));

        assertThat(calls).containsExactly("start loja-01 held", "start loja-02 held");
        assertThat(sessions.apiKeyOf("loja-02")).contains("key-of-loja-02-0123456789");
    }

    @Test
    void aRemovedSessionStopsWhileStillNamedThenLeaves() {
        applier.apply(changes(List.of(entry("loja-01"), entry("loja-02")), List.of(), List.of(), Map.of()));
        calls.clear();

        applier.apply(changes(List.of(), List.of(), List.of("loja-01"), Map.of()));

        assertThat(calls).containsExactly("stop loja-01 held");
        assertThat(sessions.named("loja-01")).isEmpty();
        assertThat(sessions.named("loja-02")).isPresent();
    }

    @Test
    void atShutdownEveryHeldSessionStopsWhileStillNamedThenLeaves() {
        applier.apply(changes(List.of(entry("loja-01"), entry("loja-02")), List.of(), List.of(), Map.of()));
        calls.clear();

        applier.stopAll();

        assertThat(calls).containsExactlyInAnyOrder("stop loja-01 held", "stop loja-02 held");
        assertThat(sessions.count()).isZero();
    }

    @Test
    void aChangedSessionIsStoppedThenStartedAgain() {
        applier.apply(changes(List.of(entry("loja-01")), List.of(), List.of(), Map.of()));
        calls.clear();

        applier.apply(changes(List.of(), List.of(entry("loja-01")), List.of(), Map.of()));

        assertThat(calls).containsExactly("stop loja-01 held", "start loja-01 held");
        assertThat(sessions.named("loja-01")).isPresent();
    }

    @Test
    void aSessionThatFailsToStartIsReleasedAndTheOthersRun() {
        Entry broken = new Entry("loja-01", Map.of(PodEnvironment.SESSION, "loja-01",
                PodEnvironment.API_KEY, "key-of-loja-01-0123456789", PodEnvironment.PAIRING_METHOD, "Telepathy"), Map.of());

        applier.apply(changes(List.of(broken, entry("loja-02")), List.of(), List.of(), Map.of()));

        assertThat(calls).containsExactly("start loja-02 held");
        assertThat(sessions.named("loja-01")).isEmpty();
    }

    @Test
    void codeThatNamesNoSessionOnAHostServesNone() {
        applier.apply(changes(List.of(entry("loja-01")), List.of(), List.of(), Map.of()));

        assertThat(SessionKeys.current()).isEmpty();
        assertThatThrownBy(sessions::current).isInstanceOf(ContextNotActiveException.class);
    }

    private static HostSessionChanges changes(List<Entry> started, List<Entry> restarted, List<String> stopped,
                                              Map<String, String> refused) {
        return new HostSessionChanges(started, restarted, stopped, refused);
    }

    private static Entry entry(String session) {
        return new Entry(session, Map.of(PodEnvironment.SESSION, session, PodEnvironment.NAMESPACE, "shop",
                PodEnvironment.API_KEY, "key-of-" + session + "-0123456789"), Map.of());
    }

    /** Notes which session each call serves, and whether that session is still held then. */
    private final class RecordingRuntime implements HostSessionApplier.CurrentRuntime {
        @Override
        public void start() {
            calls.add("start " + served());
        }

        @Override
        public void stop() {
            calls.add("stop " + served());
        }

        private String served() {
            String session = SessionKeys.current().orElse("none");
            return session + (sessions.named(session).isPresent() ? " held" : " gone");
        }
    }
}
