package io.kubezap.session.engine.choice;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.EngineAdapter;
import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.host.scope.PerSession;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Each session's engine (its own instance, issue 81) as {@code KUBEZAP_ENGINE} (the resource's {@code spec.engine}) chooses it; the other is never made.
 * The engines are runtime dependencies of this module: each declares its kind in an {@link EngineAdapter}.
 */
public class ChosenEngine {

    @Produces
    @PerSession
    WhatsAppEngine engine(EngineKind kind, Instance<EngineAdapter> adapters) {
        return chosen(kind, adapters).engine().get();
    }

    @Produces
    @PerSession
    AccountEngine account(EngineKind kind, Instance<EngineAdapter> adapters) {
        return chosen(kind, adapters).account().get();
    }

    @Produces
    @PerSession
    BusinessEngine business(EngineKind kind, Instance<EngineAdapter> adapters) {
        return chosen(kind, adapters).business().get();
    }

    @Produces
    @PerSession
    GroupEngine groups(EngineKind kind, Instance<EngineAdapter> adapters) {
        return chosen(kind, adapters).groups().get();
    }

    @Produces
    @PerSession
    ChannelEngine channels(EngineKind kind, Instance<EngineAdapter> adapters) {
        return chosen(kind, adapters).channels().get();
    }

    private static EngineAdapter chosen(EngineKind kind, Instance<EngineAdapter> adapters) {
        return adapters.stream().filter(adapter -> adapter.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no engine " + kind + " in this build of the pod"));
    }
}
