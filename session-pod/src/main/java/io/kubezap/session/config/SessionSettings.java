package io.kubezap.session.config;

import io.kubezap.contract.PairingMethod;
import io.kubezap.session.engine.EngineSettings;

import java.nio.file.Path;
import java.util.Optional;

/** The validated configuration of this pod. {@code waVersion}: the WhatsApp Web version to announce, when one is set. */
public record SessionSettings(String name, String namespace, String apiKey, Path dataDir,
                              PairingMethod pairingMethod, Optional<String> pairingPhone,
                              int sendRatePerMinute, Optional<String> waVersion, boolean localMode, boolean markOnlineOnConnect) {

    public SessionSettings(String name, String namespace, String apiKey, Path dataDir,
                           PairingMethod pairingMethod, Optional<String> pairingPhone,
                           int sendRatePerMinute, Optional<String> waVersion, boolean localMode) {
        this(name, namespace, apiKey, dataDir, pairingMethod, pairingPhone, sendRatePerMinute, waVersion, localMode, false);
    }

    public EngineSettings engineSettings() {
        return new EngineSettings(name, dataDir, pairingMethod, pairingPhone, markOnlineOnConnect);
    }
}
