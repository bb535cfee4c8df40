package io.kubezap.simulator.passkey;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The accounts whose owners protected linking with a passkey, by phone number. */
public final class Passkeys {
    private final Map<String, AccountPasskey> byNumber = new ConcurrentHashMap<>();

    /** The owner registers a passkey (once; asking again returns the same one). */
    public AccountPasskey protect(String phoneNumber) {
        return byNumber.computeIfAbsent(phoneNumber, AccountPasskey::register);
    }

    public Optional<AccountPasskey> of(String phoneNumber) {
        return Optional.ofNullable(byNumber.get(phoneNumber));
    }
}
