package io.kubezap.simulator.stream;

/** Receives one client's frames, prologue and length prefix removed, in order, on one thread. */
public interface FrameListener {
    void onFrame(byte[] payload);

    void onClosed();
}
