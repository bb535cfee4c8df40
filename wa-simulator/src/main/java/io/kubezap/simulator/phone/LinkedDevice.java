package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.util.Arrays;

/** A companion paired with a phone: its JID, the keys it proved at pairing, and its status. */
public final class LinkedDevice {
    private final Jid jid;
    private final byte[] noiseKey;
    private final byte[] identityKey;
    private volatile DeviceStatus status = DeviceStatus.LINKED;

    LinkedDevice(Jid jid, byte[] noiseKey, byte[] identityKey) {
        this.jid = jid;
        this.noiseKey = noiseKey.clone();
        this.identityKey = identityKey.clone();
    }

    public Jid jid() {
        return jid;
    }

    public int deviceId() {
        return jid.device();
    }

    public byte[] identityKey() {
        return identityKey.clone();
    }

    public boolean ownsNoiseKey(byte[] candidate) {
        return Arrays.equals(noiseKey, candidate);
    }

    public DeviceStatus status() {
        return status;
    }

    public void setStatus(DeviceStatus status) {
        this.status = status;
    }
}
