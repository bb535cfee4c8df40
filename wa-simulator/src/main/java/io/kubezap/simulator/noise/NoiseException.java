package io.kubezap.simulator.noise;

/** The peer broke the Noise protocol: a bad tag, a missing handshake part, an unexpected message. */
public final class NoiseException extends RuntimeException {
    public NoiseException(String message) {
        super(message);
    }

    public NoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
