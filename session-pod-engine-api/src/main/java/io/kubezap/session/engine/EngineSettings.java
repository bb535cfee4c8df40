package io.kubezap.session.engine;

import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.PairingMethod;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an engine needs from configuration. {@code pairingPhone} is digits only.
 * {@code markOnlineOnConnect}: show the account online at each login (which stops the phone's notifications).
 * {@code history}: how much of the phone's past conversations to ask for when the device is linked.
 * {@code route}: directly or through the session's proxy.
 * The WhatsApp Web version a login announces is {@link io.kubezap.session.engine.version.WebVersions}' choice.
 */
public record EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod,
                             Optional<String> pairingPhone, boolean markOnlineOnConnect, HistoryDepth history,
                             WhatsAppRoute route) {

    public EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod, Optional<String> pairingPhone,
                          boolean markOnlineOnConnect, HistoryDepth history) {
        this(sessionName, dataDir, pairingMethod, pairingPhone, markOnlineOnConnect, history, WhatsAppRoute.DIRECT);
    }

    public EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod, Optional<String> pairingPhone) {
        this(sessionName, dataDir, pairingMethod, pairingPhone, false, HistoryDepth.Recent);
    }

    /** The same, reaching WhatsApp by {@code newRoute}. */
    public EngineSettings withRoute(WhatsAppRoute newRoute) {
        return new EngineSettings(sessionName, dataDir, pairingMethod, pairingPhone, markOnlineOnConnect, history, newRoute);
    }
}
