package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The simulated phones, by number. */
public final class PhoneDirectory {
    private final Map<String, SimulatedPhone> phones = new ConcurrentHashMap<>();
    /** LIDs of numbers that have no simulated phone yet (contacts of made-up history), kept for when one is created. */
    private final Map<String, Jid> lidsOfOtherNumbers = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when a phone with that number exists */
    public SimulatedPhone create(String number, String pushName) {
        var phone = new SimulatedPhone(number, pushName, lidsOfOtherNumbers.getOrDefault(number, SimulatedPhone.newLid()));
        if (phones.putIfAbsent(number, phone) != null) {
            throw new IllegalStateException("A phone with number " + number + " exists");
        }
        return phone;
    }

    public Optional<SimulatedPhone> find(String number) {
        return Optional.ofNullable(phones.get(number));
    }

    /** The phone a JID names, by number ({@code s.whatsapp.net}) or by LID ({@code lid}); its device part is ignored. */
    public Optional<SimulatedPhone> find(it.auties.whatsapp.model.jid.Jid user) {
        if (!it.auties.whatsapp.model.jid.JidServer.lid().equals(user.server())) {
            return find(user.user());
        }
        return phones.values().stream().filter(phone -> phone.isNamedBy(user)).findFirst();
    }

    /** The number behind {@code lid}, a simulated phone's or one WhatsApp gave another number ({@link #lidOf}). */
    public Optional<String> numberOf(it.auties.whatsapp.model.jid.Jid lid) {
        return find(lid).map(SimulatedPhone::number).or(() -> lidsOfOtherNumbers.entrySet().stream()
                .filter(entry -> entry.getValue().user().equals(lid.user())).map(Map.Entry::getKey).findFirst());
    }

    /** The LID of an account by its number: WhatsApp gives every number one, simulated phone or not, and keeps it. */
    public Jid lidOf(String number) {
        return find(number).map(SimulatedPhone::lid)
                .orElseGet(() -> lidsOfOtherNumbers.computeIfAbsent(number, unused -> SimulatedPhone.newLid()));
    }

    /** The account holding {@code username} (any case, with or without {@code @}). */
    public Optional<SimulatedPhone> findByUsername(String username) {
        var name = Usernames.normalized(username);
        return phones.values().stream().filter(phone -> name.equals(phone.username())).findFirst();
    }

    /**
     * Gives {@code phone} the username (blank takes its away), as the account's owner sets one in the app.
     *
     * @throws IllegalArgumentException when WhatsApp would not take the name
     * @throws IllegalStateException when another account holds it
     */
    public synchronized void setUsername(SimulatedPhone phone, String username) {
        if (username.isBlank()) {
            phone.username(null);
            return;
        }
        var name = Usernames.valid(username);
        if (findByUsername(name).filter(holder -> holder != phone).isPresent()) {
            throw new IllegalStateException("The username @" + name + " is taken");
        }
        phone.username(name);
    }

    public Optional<LinkedDevice> findDevice(String number, int deviceId) {
        return find(number).flatMap(phone -> phone.device(deviceId));
    }

    public Collection<SimulatedPhone> all() {
        return List.copyOf(phones.values());
    }
}
