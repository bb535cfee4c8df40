package io.kubezap.cobalt.client;

import it.auties.whatsapp.api.Whatsapp;

import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/** What a patch made for each Cobalt client, found again by the client; forgotten with it. */
public final class PerClient<T> {

    private final Map<Whatsapp, T> made = new WeakHashMap<>();

    /** Keeps {@code value} as {@code client}'s and returns it. */
    public synchronized T keep(Whatsapp client, T value) {
        made.put(client, value);
        return value;
    }

    /** What was kept for {@code client}, if anything. */
    public synchronized Optional<T> of(Whatsapp client) {
        return Optional.ofNullable(made.get(client));
    }
}
