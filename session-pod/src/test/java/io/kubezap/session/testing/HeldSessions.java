package io.kubezap.session.testing;

import io.kubezap.contract.PairingMethod;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.host.HostedSession;
import io.kubezap.session.host.HostedSessionSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A session a test has the JVM hold beside the pod's own, as a host holds each of its sessions. */
public final class HeldSessions {

    private HeldSessions() {
    }

    /** Session {@code name} of {@code namespace}, paired by QR, its requests carrying {@code apiKey}, its files in {@code dataDir}. */
    public static HostedSession byQr(String name, String namespace, String apiKey, Path dataDir) {
        return byQr(name, namespace, apiKey, dataDir, Map.of());
    }

    /** The same, with more of its settings (its webhooks file, say), as its entry would give them. */
    public static HostedSession byQr(String name, String namespace, String apiKey, Path dataDir, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.putAll(Map.of(PodEnvironment.SESSION, name, PodEnvironment.NAMESPACE, namespace, PodEnvironment.API_KEY, apiKey,
                PodEnvironment.DATA_DIR, dataDir.toString()));
        return new HostedSession(new SessionSettings(name, namespace, apiKey, dataDir, PairingMethod.QR, Optional.empty(), 30,
                Optional.empty(), false), Optional.empty(), HostedSessionSettings.config(settings));
    }
}
