package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.request.MessageRequest;

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
    private static final MethodHandle SEND_MESSAGE_REQUEST;

    static {
        try {
            var field = Whatsapp.class.getDeclaredField("socketHandler");
            field.setAccessible(true);
            var lookup = MethodHandles.lookup();
            SOCKET_HANDLER = lookup.unreflectGetter(field);
            SEND_WITHOUT_ANSWER = lookup.findVirtual(field.getType(), "sendNodeWithNoResponse",
                    MethodType.methodType(CompletableFuture.class, Node.class));
            SEND_MESSAGE_REQUEST = lookup.findVirtual(field.getType(), "sendMessage",
                    MethodType.methodType(CompletableFuture.class, MessageRequest.class));
        } catch (ReflectiveOperationException changed) {
            throw new ExceptionInInitializerError("Cobalt's socket is not where 0.0.10 keeps it: " + changed);
        }
    }

    private RawNodes() {
    }

    /**
     * Encrypts and sends a message as {@code request} says (which devices, whether to fetch their keys anew). The public
     * {@code sendMessage} always sends to every device of the chat, reusing the Signal sessions it has.
     */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Void> sendMessage(Whatsapp client, MessageRequest request) {
        try {
            return (CompletableFuture<Void>) SEND_MESSAGE_REQUEST.invoke(socketHandler(client), request);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    /** Cobalt's socket behind {@code client} (package-private class {@code SocketHandler}). */
    static Object socketHandler(Whatsapp client) {
        try {
            return SOCKET_HANDLER.invoke(client);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    static void sendWithoutAnswer(Whatsapp client, Node node) {
        try {
            SEND_WITHOUT_ANSWER.invoke(socketHandler(client), node);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }
}
