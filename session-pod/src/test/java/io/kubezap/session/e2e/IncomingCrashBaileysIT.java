package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;

/** {@link IncomingCrashScenario} on the Baileys engine. */
class IncomingCrashBaileysIT extends IncomingCrashScenario {

    IncomingCrashBaileysIT() {
        super(EngineKind.Baileys);
    }
}
