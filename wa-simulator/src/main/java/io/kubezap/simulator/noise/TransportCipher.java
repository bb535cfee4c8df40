package io.kubezap.simulator.noise;

/** One direction of the post-handshake channel: a fixed key and a counter used as the nonce. */
public final class TransportCipher {
    private final byte[] key;
    private long counter;

    TransportCipher(byte[] key) {
        this.key = key;
    }

    public synchronized byte[] encrypt(byte[] plaintext) {
        return AesGcm.encrypt(key, counter++, null, plaintext);
    }

    public synchronized byte[] decrypt(byte[] ciphertext) {
        return AesGcm.decrypt(key, counter++, null, ciphertext);
    }
}
