package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a stanza the server does not answer (presence, chat states). Cobalt 0.0.10's public {@code sendNode} waits for
 * an answer with the stanza's id, which never comes for these; its socket's {@code sendNodeWithNoResponse}, which
 * Cobalt itself uses for them, is reached through the client's private {@code socketHandler} field.
 */
final class RawNodes {

    private static final MethodHandle SOCKET_HANDLER;
    private static final MethodHandle SEND_WITHOUT_ANSWER;

    static {
        try {
            var field = Whatsapp.class.getDeclaredField("socketHandler");
            field.setAccessible(true);
            var lookup = MethodHandles.lookup();
            SOCKET_HANDLER = lookup.unreflectGetter(field);
            SEND_WITHOUT_ANSWER = lookup.findVirtual(field.getType(), "sendNodeWithNoResponse",
                    MethodType.methodType(CompletableFuture.class, Node.class));
        } catch (ReflectiveOperationException changed) {
            throw new ExceptionInInitializerError("Cobalt's socket is not where 0.0.10 keeps it: " + changed);
        }
    }

    private RawNodes() {
    }

    static void sendWithoutAnswer(Whatsapp client, Node node) {
        try {
            SEND_WITHOUT_ANSWER.invoke(SOCKET_HANDLER.invoke(client), node);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }
}
