package io.kubezap.api.v1alpha1;

/** How a new device is linked to the WhatsApp account. */
public enum PairingMethod {
    /** The user scans a QR code with the phone (Linked devices → Link a device). */
    QR,
    /** The user types an 8-character code on the phone (Link with phone number instead). */
    PairingCode
}
