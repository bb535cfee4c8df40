package io.kubezap.session.engine.baileys;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.EngineAdapter;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The Baileys engine as the pod's core chooses it ({@code engine.choice.ChosenEngine}); nothing is made until chosen. */
public class BaileysAdapter {

    @Produces
    @Singleton
    EngineAdapter baileys(Instance<BaileysEngine> engine, Instance<BaileysAccount> account,
                          Instance<BaileysBusiness> business, Instance<BaileysGroups> groups,
                          Instance<BaileysChannels> channels) {
        return new EngineAdapter(EngineKind.Baileys, engine::get, account::get, business::get, groups::get, channels::get);
    }
}
