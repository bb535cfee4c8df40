package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.WebHistorySetting;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.model.companion.CompanionDevice;
import it.auties.whatsapp.model.signal.auth.Version;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unmodified Cobalt 0.0.10 web client, configured the way the session pod configures it
 * (explicit version, no history), recording what its listeners report.
 */
final class CobaltClient {
    private static final Version WEB_VERSION = Version.of("2.3000.1022032575");

    final List<String> qrCodes;
    final List<DisconnectReason> disconnects = new CopyOnWriteArrayList<>();
    final AtomicInteger logins = new AtomicInteger();
    final Whatsapp api;

    private CobaltClient(Whatsapp api, List<String> qrCodes) {
        this.api = api;
        this.qrCodes = qrCodes;
        api.addLoggedInListener(logins::incrementAndGet);
        api.addDisconnectedListener((DisconnectReason reason) -> disconnects.add(reason));
    }

    static CobaltClient unregistered(Path keyStore, UUID id) {
        var qrCodes = new CopyOnWriteArrayList<String>();
        var api = Whatsapp.webBuilder()
                .serializer(ControllerSerializer.toProtobuf(keyStore))
                .newConnection(id)
                .historySetting(WebHistorySetting.discard(false))
                .unregistered(QrHandler.toPlainString(qrCodes::add));
        api.store().setDevice(CompanionDevice.web(WEB_VERSION));
        return new CobaltClient(api, qrCodes);
    }
}
