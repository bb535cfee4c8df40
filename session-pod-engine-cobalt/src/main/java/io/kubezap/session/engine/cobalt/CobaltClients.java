package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.TextPreviewSetting;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.api.WhatsappCustomBuilder;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.Store;

/**
 * Creates Cobalt clients for the session's store and keys. Unlike {@link WhatsappCustomBuilder},
 * which hands back a cached client per session id, this always builds a new one: a client whose
 * handshake stalled stays stuck in Cobalt 0.0.10 (its disconnect only acts once connected), so the
 * only way forward is a fresh client over the same credentials.
 */
final class CobaltClients {

    private CobaltClients() {
    }

    static Whatsapp create(Store store, Keys keys) {
        store.setTextPreviewSetting(TextPreviewSetting.DISABLED);
        // verify app-state patches (value, snapshot and patch MACs) as WhatsApp Web does; Cobalt skips it by default
        store.setCheckPatchMacs(true);
        // Cobalt hands the first ref to this handler; the adapter builds every ref's QR from the pair-device node
        var qrHandler = keys.registered() ? null : QrHandler.toPlainString(firstRefOnly -> { });
        var client = new SessionClient(store, keys, qrHandler);
        ReaderSafePulls.install(client);
        return client;
    }

    private static final class SessionClient extends Whatsapp {
        private SessionClient(Store store, Keys keys, QrHandler qrHandler) {
            super(store, keys, new LoggingErrorHandler(), qrHandler);
        }
    }
}
