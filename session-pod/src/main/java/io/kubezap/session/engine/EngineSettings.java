package io.kubezap.session.engine;

import io.kubezap.contract.PairingMethod;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an engine needs from configuration. {@code pairingPhone} is digits only.
 * {@code waVersion} is the WhatsApp Web version announced at login, so start-up never fetches it.
 * {@code markOnlineOnConnect}: show the account online at each login (which stops the phone's notifications).
 */
public record EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod,
                             Optional<String> pairingPhone, String waVersion, boolean markOnlineOnConnect) {

    public EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod, Optional<String> pairingPhone,
                          String waVersion) {
        this(sessionName, dataDir, pairingMethod, pairingPhone, waVersion, false);
    }
}
