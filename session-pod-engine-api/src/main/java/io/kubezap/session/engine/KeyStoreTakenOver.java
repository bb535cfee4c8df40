package io.kubezap.session.engine;

/**
 * Another pod of the session took its key store since this one did (the lease's fencing token moved on): this pod
 * must not write the key store nor connect, or two clients would use the same device's keys and WhatsApp would log
 * out both.
 */
public class KeyStoreTakenOver extends RuntimeException {

    public KeyStoreTakenOver(String message) {
        super(message);
    }
}
