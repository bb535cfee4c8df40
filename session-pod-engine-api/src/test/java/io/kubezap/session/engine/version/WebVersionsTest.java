package io.kubezap.session.engine.version;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebVersionsTest {

    private static final String LEARNT = "2.3000.1030000001";
    private static final String NEWER = "2.3000.1030000002";
    private static final String KEPT = "2.3000.1025000000";

    private final KeptVersion kept = new KeptVersion();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void theVersionWhatsAppWebAnnouncesComesFirst() {
        kept.version = KEPT;
        var versions = versions(Optional.empty(), () -> Optional.of(LEARNT));

        assertThat(versions.forLogin().version()).isEqualTo(LEARNT);
        assertThat(versions.forLogin().source()).contains("announced by");
    }

    @Test
    void unreadableItFallsBackToTheLastVersionThatWorkedThenToThePinnedOne() {
        kept.version = KEPT;
        assertThat(versions(Optional.empty(), Optional::empty).forLogin().version()).isEqualTo(KEPT);

        kept.version = null;
        assertThat(versions(Optional.empty(), Optional::empty).forLogin().version()).isEqualTo(WebVersions.PINNED);
    }

    @Test
    void anOverrideIsAnnouncedWithoutAskingUntilWhatsAppRefusesIt() {
        var versions = versions(Optional.of("2.3000.1029000000"), () -> Optional.of(LEARNT));

        assertThat(versions.forLogin().version()).isEqualTo("2.3000.1029000000");
        assertThat(asked).hasValue(0);

        versions.refused("2.3000.1029000000");

        assertThat(versions.forLogin().version()).isEqualTo(LEARNT);
    }

    @Test
    void theChoiceIsKeptUntilARefusalThenLearntAgainAtEveryLoginUntilOneWorks() {
        var announced = new ArrayList<>(List.of(LEARNT, LEARNT, NEWER, "2.3000.1030000003"));
        var versions = versions(Optional.empty(), () -> Optional.of(announced.removeFirst()));

        assertThat(versions.forLogin().version()).isEqualTo(LEARNT);
        assertThat(versions.forLogin().version()).isEqualTo(LEARNT);
        assertThat(asked).hasValue(1);

        versions.refused(LEARNT);
        assertThat(versions.forLogin().version()).isEqualTo(LEARNT);
        versions.refused(LEARNT);
        assertThat(versions.forLogin().version()).isEqualTo(NEWER);
        versions.worked(NEWER);

        assertThat(versions.forLogin().version()).isEqualTo(NEWER);
        assertThat(asked).hasValue(3);
        assertThat(kept.version).isEqualTo(NEWER);
    }

    @Test
    void aRefusedVersionIsNotTakenBackFromWhatWasKept() {
        kept.version = KEPT;
        var versions = versions(Optional.empty(), Optional::empty);
        assertThat(versions.forLogin().version()).isEqualTo(KEPT);

        versions.refused(KEPT);
        assertThat(versions.forLogin().version()).isEqualTo(WebVersions.PINNED);

        // both refused: the pinned one, nothing better is left, until web.whatsapp.com can be read again
        versions.refused(WebVersions.PINNED);
        assertThat(versions.forLogin().version()).isEqualTo(WebVersions.PINNED);
    }

    @Test
    void whatIsLearntOrKeptMustLookLikeAVersion() {
        kept.version = "latest";
        assertThat(versions(Optional.empty(), () -> Optional.of("2.3000.")).forLogin().version()).isEqualTo(WebVersions.PINNED);
        assertThatThrownBy(() -> versions(Optional.of("latest"), Optional::empty))
                .hasMessageContaining("KUBEZAP_WA_VERSION must look like");
    }

    private WebVersions versions(Optional<String> override, Supplier<Optional<String>> announced) {
        return new WebVersions(override, () -> {
            asked.incrementAndGet();
            return announced.get();
        }, "https://web.whatsapp.com/sw.js", kept);
    }

    private static final class KeptVersion implements LastWorkingVersion {
        String version;

        @Override
        public Optional<String> read() {
            return Optional.ofNullable(version);
        }

        @Override
        public void remember(String version) {
            this.version = version;
        }
    }
}
