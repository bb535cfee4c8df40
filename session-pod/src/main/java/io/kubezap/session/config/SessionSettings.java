package io.kubezap.session.config;

import io.kubezap.session.engine.EngineSettings;

import java.nio.file.Path;
import java.util.Optional;

/** The validated configuration of this pod. */
public record SessionSettings(String name, String namespace, String apiKey, Path dataDir,
                              EngineSettings.PairingMethod pairingMethod, Optional<String> pairingPhone,
                              int sendRatePerMinute, String waVersion, boolean localMode) {

    public EngineSettings engineSettings() {
        return new EngineSettings(name, dataDir, pairingMethod, pairingPhone, waVersion);
    }
}
