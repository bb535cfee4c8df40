package io.kubezap.session.testing;

import io.kubezap.contract.PairingMethod;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.host.HostedSession;
import io.kubezap.session.host.HostedSessionSettings;
import io.kubezap.session.host.HostedSessions;

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

    /**
     * Session {@code name} of namespace {@code shop} with {@code settings} from its entry, its files in a new temporary
     * directory (a {@code @TempDir} field stays null in a {@code @QuarkusTest}'s instance), its key {@link #apiKeyOf}.
     */
    public static HostedSession withSettings(String name, Map<String, String> settings) throws java.io.IOException {
        return byQr(name, "shop", apiKeyOf(name), java.nio.file.Files.createTempDirectory(name), settings);
    }

    /** Test work that may throw. */
    public interface Work {
        void run() throws Exception;
    }

    /** {@code work} while {@code sessions} hold session {@code name} ({@link #withSettings}), which leaves after it. */
    public static void whileHeld(HostedSessions sessions, String name, Map<String, String> settings, Work work) throws Exception {
        sessions.host(withSettings(name, settings));
        try {
            work.run();
        } finally {
            sessions.release(name);
        }
    }

    /** The API key {@link #withSettings} gives session {@code name}. */
    public static String apiKeyOf(String name) {
        return "key-of-" + name + "-0123456789abcdef";
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
