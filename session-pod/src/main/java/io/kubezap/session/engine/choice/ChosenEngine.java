package io.kubezap.session.engine.choice;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.engine.baileys.BaileysAccount;
import io.kubezap.session.engine.baileys.BaileysBusiness;
import io.kubezap.session.engine.baileys.BaileysChannels;
import io.kubezap.session.engine.baileys.BaileysEngine;
import io.kubezap.session.engine.baileys.BaileysGroups;
import io.kubezap.session.engine.cobalt.CobaltAccount;
import io.kubezap.session.engine.cobalt.CobaltBusiness;
import io.kubezap.session.engine.cobalt.CobaltChannels;
import io.kubezap.session.engine.cobalt.CobaltEngine;
import io.kubezap.session.engine.cobalt.CobaltGroups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The session's engine as {@code KUBEZAP_ENGINE} (the resource's {@code spec.engine}) chooses it; the other is never made. */
public class ChosenEngine {

    @Produces
    @ApplicationScoped
    WhatsAppEngine engine(EngineKind kind, Instance<CobaltEngine> cobalt, Instance<BaileysEngine> baileys) {
        return kind == EngineKind.Baileys ? baileys.get() : cobalt.get();
    }

    @Produces
    @ApplicationScoped
    AccountEngine account(EngineKind kind, Instance<CobaltAccount> cobalt, Instance<BaileysAccount> baileys) {
        return kind == EngineKind.Baileys ? baileys.get() : cobalt.get();
    }

    @Produces
    @ApplicationScoped
    BusinessEngine business(EngineKind kind, Instance<CobaltBusiness> cobalt, Instance<BaileysBusiness> baileys) {
        return kind == EngineKind.Baileys ? baileys.get() : cobalt.get();
    }

    @Produces
    @ApplicationScoped
    GroupEngine groups(EngineKind kind, Instance<CobaltGroups> cobalt, Instance<BaileysGroups> baileys) {
        return kind == EngineKind.Baileys ? baileys.get() : cobalt.get();
    }

    @Produces
    @ApplicationScoped
    ChannelEngine channels(EngineKind kind, Instance<CobaltChannels> cobalt, Instance<BaileysChannels> baileys) {
        return kind == EngineKind.Baileys ? baileys.get() : cobalt.get();
    }
}
