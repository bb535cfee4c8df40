package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.KeyStoreTakenOver;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease gate on Cobalt's own send path: the handshake frames Cobalt 0.0.10 sends when it connects (by itself, too,
 * after a {@code conflict}) go through the client's write lock, where the gate refuses them once another pod took the
 * session. The client here is not connected, so a frame the gate lets through stops at Cobalt's "not connected" check,
 * which comes after the lock: that is how the test sees which side of the gate a frame ended on.
 */
class LoginGateTest {

    /** A Noise {@code HandshakeMessage} with a {@code clientHello}: what Cobalt sends first on every socket. */
    private static final byte[] CLIENT_HELLO = {0x12, 0x02, 0x0a, 0x00};

    @StoreDirectory
    Path dir;

    private final AtomicBoolean leaseHeld = new AtomicBoolean(true);
    private final AtomicInteger checks = new AtomicInteger();
    private SocketHandler socket;

    @BeforeEach
    void clientWithTheGate() {
        var session = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB);
        var client = CobaltClients.create(session.store(), session.keys());
        MessageAcknowledgements.holdUntil(client, acknowledgement -> acknowledgement, () -> {
            checks.incrementAndGet();
            if (!leaseHeld.get()) {
                throw new KeyStoreTakenOver("another pod took the session");
            }
        }, () -> {
        });
        socket = (SocketHandler) RawNodes.socketHandler(client);
    }

    @Test
    void whileTheLeaseIsHeldTheHandshakeGoesOnToCobalt() {
        var hello = socket.sendBinaryWithNoResponse(CLIENT_HELLO, true);

        assertThat(failureOf(hello)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not connected");
        assertThat(checks).hasValue(1);
    }

    @Test
    void onceTheLeaseIsLostNoHandshakeFrameLeavesAndTheWriteLockStaysFree() {
        leaseHeld.set(false);

        var hello = socket.sendBinaryWithNoResponse(CLIENT_HELLO, true);
        var finish = socket.sendBinaryWithNoResponse(new byte[]{0x22, 0x00}, false);

        assertThat(failureOf(hello)).isInstanceOf(KeyStoreTakenOver.class);
        assertThat(failureOf(finish)).isInstanceOf(KeyStoreTakenOver.class);
        leaseHeld.set(true);
        assertThat(failureOf(socket.sendBinaryWithNoResponse(CLIENT_HELLO, true)))
                .as("the refusals took no permit: the next frame reaches Cobalt").hasMessageContaining("not connected");
    }

    @Test
    void nodesAfterTheLoginAreNotChecked() {
        leaseHeld.set(false);

        var receipt = socket.sendNodeWithNoResponse(Node.of("receipt", Map.of("id", "A", "type", "read")));

        assertThat(failureOf(receipt)).hasMessageContaining("not connected");
        assertThat(checks).as("the key store writes fence what follows a login").hasValue(0);
    }

    private static Throwable failureOf(CompletableFuture<?> sent) {
        assertThat(sent).isCompletedExceptionally();
        var failure = sent.exceptionNow();
        return failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
    }
}
