package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;

/** {@link IncomingCrashScenario} on the Cobalt engine. */
class IncomingCrashCobaltIT extends IncomingCrashScenario {

    IncomingCrashCobaltIT() {
        super(EngineKind.Cobalt);
    }
}
