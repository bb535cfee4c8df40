package io.kubezap.session.engine;

import io.kubezap.contract.EngineKind;

import java.util.function.Supplier;

/**
 * One engine's ports, each made only when asked for: an engine module produces one, and the pod's core picks the one
 * of the session's kind without seeing the engine's classes (the core depends on the engine modules at runtime only).
 */
public record EngineAdapter(EngineKind kind, Supplier<WhatsAppEngine> engine, Supplier<AccountEngine> account,
                            Supplier<BusinessEngine> business, Supplier<GroupEngine> groups,
                            Supplier<ChannelEngine> channels) {
}
