package io.kubezap.session.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an engine needs from configuration. {@code pairingPhone} is digits only.
 * {@code waVersion} is the WhatsApp Web version announced at login, so start-up never fetches it.
 */
public record EngineSettings(String sessionName, Path dataDir, PairingMethod pairingMethod,
                             Optional<String> pairingPhone, String waVersion) {

    public enum PairingMethod { QR, PairingCode }
}
