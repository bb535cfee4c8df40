package io.kubezap.session.engine;

import io.kubezap.contract.PairingMethod;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an engine needs from configuration. {@code pairingPhone} is digits only.
 * {@code markOnlineOnConnect}: show the account online at each login (which stops the phone's notifications).
 * {@code route}: directly or through the session's proxy.
 * The WhatsApp Web version a login announces is {@link io.kubezap.session.engine.version.WebVersions}' choice.
 */
public record EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod,
                             Optional<String> pairingPhone, boolean markOnlineOnConnect, WhatsAppRoute route) {

    public EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod, Optional<String> pairingPhone,
                          boolean markOnlineOnConnect) {
        this(sessionName, dataDir, pairingMethod, pairingPhone, markOnlineOnConnect, WhatsAppRoute.DIRECT);
    }

    public EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod, Optional<String> pairingPhone) {
        this(sessionName, dataDir, pairingMethod, pairingPhone, false);
    }

    /** The same, reaching WhatsApp by {@code newRoute}. */
    public EngineSettings withRoute(WhatsAppRoute newRoute) {
        return new EngineSettings(sessionName, dataDir, pairingMethod, pairingPhone, markOnlineOnConnect, newRoute);
    }
}
