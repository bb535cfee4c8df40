package io.kubezap.session.media;

import io.kubezap.session.failure.Failure;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.HeldSessions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 81: a session's storage quota is its own on a host. A second held session over its quota (its entry's
 * {@code KUBEZAP_STORAGE_QUOTA}) refuses media (507) while the pod's session, which has none, still keeps files.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class QuotaPerSessionTest {

    private static final String SECOND = "loja-04";

    @Inject
    HostedSessions sessions;
    @Inject
    StorageQuota quota;

    @Test
    void oneSessionOverItsQuotaLeavesTheOtherKeepingMedia() throws Exception {
        // a quota of 0 bytes: the new session keeps nothing yet, and is at its quota all the same
        HeldSessions.whileHeld(sessions, SECOND, Map.of("KUBEZAP_STORAGE_QUOTA", "0"), () -> {
            SessionKeys.call(SECOND, () -> {
                quota.check(Instant.now());
                return null;
            });

            assertThat(SessionKeys.get(SECOND, quota::exceeded)).as("the second session over its quota").isTrue();
            assertThatThrownBy(() -> SessionKeys.run(SECOND, () -> quota.refuseWhenExceeded("Media is not sent")))
                    .isInstanceOf(Failure.class).hasMessageContaining("storage quota");
            assertThat(quota.exceeded()).as("the pod's session, which has no quota").isFalse();
            assertThatCode(() -> quota.refuseWhenExceeded("Media is not sent")).doesNotThrowAnyException();
        });
    }
}
