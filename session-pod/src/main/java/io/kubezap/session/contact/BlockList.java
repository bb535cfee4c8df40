package io.kubezap.session.contact;

import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.engine.EngineCalls;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** The account's block list, kept by WhatsApp: read and changed there, never copied here. */
@Singleton
public class BlockList {

    private final WhatsAppEngine engine;

    public BlockList(WhatsAppEngine engine) {
        this.engine = engine;
    }

    public Map<String, Object> block(String jid, boolean blocked) {
        EngineCalls.await(engine.block(jid, blocked));
        return Map.of("jid", jid, "blocked", blocked);
    }

    public List<String> blocked() {
        return EngineCalls.await(engine.blockList());
    }
}
