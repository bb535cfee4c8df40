package io.kubezap.session.config;

import io.kubezap.contract.EngineKind;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.PairingMethod;
import io.kubezap.session.engine.EngineSettings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The validated configuration of this pod. {@code waVersion}: the WhatsApp Web version to announce, when one is set;
 * {@code engine}: the WhatsApp Web client that runs the session; {@code history}: how much of the phone's past
 * conversations to ask for when the device is linked.
 */
public record SessionSettings(String name, String namespace, String apiKey, Path dataDir,
                              PairingMethod pairingMethod, Optional<String> pairingPhone,
                              int sendRatePerMinute, Optional<String> waVersion, boolean localMode, boolean markOnlineOnConnect,
                              EngineKind engine, HistoryDepth history) {

    public SessionSettings(String name, String namespace, String apiKey, Path dataDir,
                           PairingMethod pairingMethod, Optional<String> pairingPhone,
                           int sendRatePerMinute, Optional<String> waVersion, boolean localMode) {
        this(name, namespace, apiKey, dataDir, pairingMethod, pairingPhone, sendRatePerMinute, waVersion, localMode, false,
                EngineKind.Cobalt, HistoryDepth.Recent);
    }

    public EngineSettings engineSettings() {
        return new EngineSettings(name, dataDir, pairingMethod, pairingPhone, markOnlineOnConnect, history);
    }
}
