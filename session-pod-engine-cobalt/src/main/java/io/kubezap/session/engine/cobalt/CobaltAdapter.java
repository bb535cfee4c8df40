package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.EngineAdapter;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The Cobalt engine as the pod's core chooses it ({@code engine.choice.ChosenEngine}); nothing is made until chosen. */
public class CobaltAdapter {

    @Produces
    @Singleton
    EngineAdapter cobalt(Instance<CobaltEngine> engine, Instance<CobaltAccount> account, Instance<CobaltBusiness> business,
                         Instance<CobaltGroups> groups, Instance<CobaltChannels> channels) {
        return new EngineAdapter(EngineKind.Cobalt, engine::get, account::get, business::get, groups::get, channels::get);
    }
}
