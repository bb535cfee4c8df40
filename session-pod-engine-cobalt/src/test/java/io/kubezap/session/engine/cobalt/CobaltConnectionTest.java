package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.ControllerSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(NoRouteToWhatsApp.class)
class CobaltConnectionTest {

    @StoreDirectory
    Path dir;

    private final CobaltConnection connection = new CobaltConnection(io.kubezap.session.engine.version.WebVersions.fixed("2.3000.1022032575"),
            io.kubezap.session.engine.WhatsAppRoute.DIRECT, java.util.function.UnaryOperator.identity());

    @Test
    void attemptClosedBeforeItConnectedContinuesOnAFreshClientWithTheSameKeys() {
        var first = newClient();
        connection.use(first);
        failedAttempt();

        connection.close();
        connection.open();

        assertThat(connection.client()).isNotSameAs(first);
        assertThat(connection.client().keys()).isSameAs(first.keys());
        assertThat(connection.client().store().version()).hasToString("2.3000.1022032575");
    }

    @Test
    void attemptsDoNotPileUpListeners() {
        var client = newClient();
        connection.use(client);
        var listeners = client.store().listeners().size();

        for (var i = 0; i < 5; i++) {
            failedAttempt();
        }

        assertThat(client.store().listeners()).hasSize(listeners);
    }

    @Test
    void failedAttemptWithoutCloseKeepsTheClient() {
        var first = newClient();
        connection.use(first);
        var attempt = failedAttempt();

        connection.open();

        assertThat(attempt).isCompletedExceptionally();
        assertThat(connection.client()).isSameAs(first);
        assertThat(connection.isOpen()).isFalse();
    }

    private Whatsapp newClient() {
        var session = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB);
        return CobaltClients.create(session.store(), session.keys());
    }

    /** One attempt, which fails: nothing answers on the proxy port. */
    private CompletableFuture<?> failedAttempt() {
        var attempt = connection.open().toCompletableFuture();
        await().atMost(Duration.ofSeconds(30)).until(attempt::isDone);
        return attempt;
    }
}
