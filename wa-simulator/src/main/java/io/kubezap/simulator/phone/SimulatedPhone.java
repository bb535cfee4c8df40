package io.kubezap.simulator.phone;

import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.SignalSender;
import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A primary device (the phone) of one WhatsApp account: its number, push name, account
 * signing key, and the companions it has linked.
 */
public final class SimulatedPhone {
    private final String number;
    private final String pushName;
    private final byte[] accountPrivateKey = Curve25519.randomPrivateKey();
    private final byte[] accountPublicKey = Curve25519.getPublicKey(accountPrivateKey);
    private final AtomicInteger nextDeviceId = new AtomicInteger(1);
    private final Map<Integer, LinkedDevice> devices = new ConcurrentHashMap<>();
    private final int registrationId = 1 + ThreadLocalRandom.current().nextInt(16380);
    private final Map<Jid, SignalSender> signalSessions = new ConcurrentHashMap<>();
    private final Jid lid = Jid.of(String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(900_000_000_000_000L)), JidServer.lid());

    public SimulatedPhone(String number, String pushName) {
        if (number == null || !number.matches("[1-9][0-9]{6,15}")) {
            throw new IllegalArgumentException("A phone number is 7 to 16 digits with its country code, got " + number);
        }
        this.number = number;
        this.pushName = pushName == null || pushName.isBlank() ? number : pushName;
    }

    public String number() {
        return number;
    }

    public String pushName() {
        return pushName;
    }

    public Jid jid() {
        return Jid.of(number, JidServer.whatsapp());
    }

    /** The account's privacy identity (LID), sent in {@code success}. */
    public Jid lid() {
        return lid;
    }

    byte[] accountPrivateKey() {
        return accountPrivateKey;
    }

    byte[] accountPublicKey() {
        return accountPublicKey;
    }

    /** Reserves the next companion slot; the device exists only once it has signed. */
    Jid nextCompanionJid() {
        return Jid.of(number, JidServer.whatsapp(), nextDeviceId.getAndIncrement(), 0);
    }

    void addDevice(LinkedDevice device) {
        devices.put(device.deviceId(), device);
    }

    /** This phone's Signal session to another account's device, started from its pre-keys when new. */
    public SignalSender signalSessionTo(Jid device, PreKeyBundle bundle) {
        return signalSessions.computeIfAbsent(device,
                ignored -> SignalSender.start(accountPrivateKey, accountPublicKey, registrationId, bundle));
    }

    public Optional<LinkedDevice> device(int deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public Collection<LinkedDevice> devices() {
        return List.copyOf(devices.values());
    }
}
