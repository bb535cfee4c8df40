package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/** The engine's listener as the adapter's parts call it: a listener that fails is logged and never breaks the engine. */
final class EngineEvents implements Consumer<EngineEvent> {

    private static final Logger LOG = Logger.getLogger(EngineEvents.class);

    private final Consumer<EngineEvent> listener;

    EngineEvents(Consumer<EngineEvent> listener) {
        this.listener = listener;
    }

    @Override
    public void accept(EngineEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException listenerFailure) {
            LOG.warnf(listenerFailure, "The engine event listener failed on %s", event);
        }
    }
}
