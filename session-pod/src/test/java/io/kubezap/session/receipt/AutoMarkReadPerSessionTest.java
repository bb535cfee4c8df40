package io.kubezap.session.receipt;

import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.HeldSessions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 81: on a host a message marks its chat read by its own session's setting (its entry's
 * {@code KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ}), not the host's.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AutoMarkReadPerSessionTest {

    private static final String SECOND = "loja-05";

    @Inject
    HostedSessions sessions;
    @Inject
    AutoMarkReads marks;

    @Test
    void eachSessionMarksReadByItsOwnSetting() throws Exception {
        HeldSessions.whileHeld(sessions, SECOND, Map.of("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", "Direct"), () -> {
            Instant at = Instant.parse("2026-11-29T12:00:00Z");
            Message message = Message.fresh("m-1", "3EB0AB", "5511988880001@s.whatsapp.net", "5511988880001@s.whatsapp.net", "Ana",
                    Direction.IN, null, new MessageContent.Text("Oi"), null, null, List.of(), MessageStatus.RECEIVED, at, at);

            assertThat(SessionKeys.get(SECOND, () -> marks.wanted(message))).as("the second session's, Direct").isTrue();
            assertThat(marks.wanted(message)).as("the pod's session's, Never (the default)").isFalse();
        });
    }
}
