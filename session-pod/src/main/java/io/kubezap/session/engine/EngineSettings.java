package io.kubezap.session.engine;

import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.PairingMethod;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an engine needs from configuration. {@code pairingPhone} is digits only.
 * {@code markOnlineOnConnect}: show the account online at each login (which stops the phone's notifications).
 * {@code history}: how much of the phone's past conversations to ask for when the device is linked.
 * The WhatsApp Web version a login announces is {@link io.kubezap.session.engine.version.WebVersions}' choice.
 */
public record EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod,
                             Optional<String> pairingPhone, boolean markOnlineOnConnect, HistoryDepth history) {

    public EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod, Optional<String> pairingPhone) {
        this(sessionName, dataDir, pairingMethod, pairingPhone, false, HistoryDepth.Recent);
    }
}
