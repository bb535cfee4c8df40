package io.kubezap.contract;

/**
 * How a new device is linked to the WhatsApp account: the resource's {@code spec.pairing.method}, passed to the
 * session pod as {@link PodEnvironment#PAIRING_METHOD}.
 */
public enum PairingMethod {
    /** The user scans a QR code with the phone (Linked devices → Link a device). */
    QR,
    /** The user types an 8-character code on the phone (Link with phone number instead). */
    PairingCode
}
