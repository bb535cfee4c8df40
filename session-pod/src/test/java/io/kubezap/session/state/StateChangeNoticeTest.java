package io.kubezap.session.state;

import io.kubezap.contract.PodPhase;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.qr.QrLink;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.StateNotifications;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod tells the operator of every change of its state on PostgreSQL (the real embedded server), on the channel the
 * operator listens to, naming itself; the state a poll then reads is already the new one.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class StateChangeNoticeTest {

    @Inject
    SessionStateMachine machine;
    @Inject
    SessionSettings settings;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aNewQrIsNotifiedNamingTheSessionAfterTheLiveStateHasIt() throws SQLException {
        try (Connection listener = DriverManager.getConnection(url, user, password)) {
            NotificationChannels.listen(listener, SessionSchema.STATE_CHANNEL);
            String code = "2@notice-" + System.nanoTime();

            machine.apply(new EngineEvent.QrIssued(code, Instant.now().plusSeconds(60)));

            List<String> payloads = StateNotifications.within(listener, Duration.ofSeconds(20));
            assertThat(payloads).contains(settings.namespace() + "/" + settings.name());
            assertThat(machine.current().phase()).isEqualTo(PodPhase.WaitingForQR);
            assertThat(machine.current().qr().code()).isEqualTo(QrLink.of(code));
        }
    }
}
