package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.Account;
import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.jid.Jid;

/** The linked account as the engine port reports it, read from Cobalt's store. */
final class CobaltAccounts {

    private CobaltAccounts() {
    }

    static Account of(Whatsapp client) {
        var jid = client.store().jid().map(Jid::toSimpleJid).orElse(null);
        return new Account(jid == null ? null : jid.toString(), jid == null ? null : jid.user(),
                pushName(client.store()));
    }

    static Account withPushName(Whatsapp client, String pushName) {
        var account = of(client);
        return new Account(account.jid(), account.phoneNumber(), pushName);
    }

    /** Cobalt answers the platform name ("Web") until app-state sync has brought the account's push name. */
    private static String pushName(Store store) {
        var name = store.name();
        return name == null || name.equals(store.device().platform().platformName()) ? null : name;
    }
}
