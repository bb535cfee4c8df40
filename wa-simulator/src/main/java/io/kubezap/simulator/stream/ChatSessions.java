package io.kubezap.simulator.stream;

/** Opens the chat session of a new connection once its prologue has been read. */
@FunctionalInterface
public interface ChatSessions {
    /**
     * @param prologue the bytes the client sent before its first frame ({@code 57 41 06 <dictionary>})
     * @throws IllegalArgumentException when the server does not speak that prologue; the message says why
     */
    FrameListener open(ChatSocket socket, byte[] prologue);
}
