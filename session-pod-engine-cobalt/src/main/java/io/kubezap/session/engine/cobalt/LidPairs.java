package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.lid.LidFirst;
import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Each pairing of a LID with a number the adapter reads (messages, history, groups, calls), kept by the client for its sends. */
final class LidPairs implements Consumer<EngineEvent> {

    private final Supplier<Whatsapp> client;

    LidPairs(Supplier<Whatsapp> client) {
        this.client = client;
    }

    @Override
    public void accept(EngineEvent event) {
        if (event instanceof EngineEvent.AddressLearned learned && learned.lidJid() != null && learned.phoneJid() != null) {
            Optional.ofNullable(client.get()).flatMap(LidFirst::existing)
                    .ifPresent(lids -> lids.learned(Jid.of(learned.lidJid()), Jid.of(learned.phoneJid())));
        }
    }
}
