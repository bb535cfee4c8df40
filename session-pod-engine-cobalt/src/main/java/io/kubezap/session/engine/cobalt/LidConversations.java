package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.request.MessageRequest;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-to-one message to a chat on {@code @lid}, encrypted for each device of the LID as for a number's. Cobalt 0.0.10
 * picks the one-to-one encoding only for a chat on {@code s.whatsapp.net} and takes any other for a group (asks its
 * metadata, sends a sender key), so its message handler's own steps are called here in the order its
 * {@code encodeChatMessage} calls them: prepare the message (uploads, secrets), then, under its lock, encode it as a
 * conversation (devices by usync, Signal sessions, one {@code <to>} per device, the account's devices given the
 * {@code deviceSentMessage} naming the LID).
 */
final class LidConversations {

    private static final MethodHandle MESSAGE_HANDLER;
    private static final MethodHandle LOCK;
    private static final MethodHandle PREPARE;
    private static final MethodHandle ENCODE_CONVERSATION;

    static {
        try {
            var socket = Whatsapp.class.getDeclaredField("socketHandler").getType();
            var messages = socket.getDeclaredField("messageHandler").getType();
            var lookup = MethodHandles.privateLookupIn(messages, MethodHandles.lookup());
            MESSAGE_HANDLER = MethodHandles.privateLookupIn(socket, MethodHandles.lookup()).findGetter(socket, "messageHandler", messages);
            LOCK = lookup.findGetter(messages, "lock", ReentrantLock.class);
            // found by name and type alone (see GroupSenderKeys): listing the methods would load a class this application replaces
            PREPARE = lookup.findVirtual(messages, "prepareOutgoingChatMessage",
                    MethodType.methodType(CompletableFuture.class, MessageInfo.class));
            ENCODE_CONVERSATION = lookup.findVirtual(messages, "encodeConversation",
                    MethodType.methodType(CompletableFuture.class, MessageRequest.Chat.class));
        } catch (ReflectiveOperationException changed) {
            throw new ExceptionInInitializerError("Cobalt's message handler is not as 0.0.10 has it: " + changed);
        }
    }

    private LidConversations() {
    }

    /** Encodes and sends {@code request}, whose chat is a LID; a failure marks its message {@code ERROR}, as Cobalt does. */
    static CompletableFuture<Void> send(Whatsapp client, MessageRequest.Chat request) {
        var messages = invoke(MESSAGE_HANDLER, RawNodes.socketHandler(client));
        return ((CompletableFuture<?>) invoke(PREPARE, messages, request.info()))
                .thenCompose(ignored -> encode(messages, request))
                .<Void>thenApply(ignored -> null)
                .whenComplete((ignored, failed) -> {
                    if (failed != null) {
                        request.info().setStatus(MessageStatus.ERROR);
                    }
                });
    }

    private static CompletableFuture<?> encode(Object messages, MessageRequest.Chat request) {
        var lock = (ReentrantLock) invoke(LOCK, messages);
        lock.lock();
        try {
            return (CompletableFuture<?>) invoke(ENCODE_CONVERSATION, messages, request);
        } finally {
            lock.unlock();
        }
    }

    private static Object invoke(MethodHandle handle, Object... arguments) {
        try {
            return handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }
}
