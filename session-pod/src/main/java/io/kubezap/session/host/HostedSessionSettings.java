package io.kubezap.session.host;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.host.HostSessionFile.Entry;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.config.SettingsValidator;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hosted session's settings, read from its entry in the host's Secret (record 0021) as a session pod reads them
 * from its environment (the mapping's defaults for what the entry leaves out), and checked alike. Its data directory
 * is its own under the host's ({@code <root>/<session>}): every entry names the volume a pod of its own would mount.
 */
public final class HostedSessionSettings {

    /** As a pod's environment. */
    private static final int ENTRY_ORDINAL = 300;

    private HostedSessionSettings() {
    }

    /** The session as this JVM holds it: its name, key, database token and engine settings from its entry. */
    public static HostedSession session(Entry entry, Path hostDataRoot) {
        SessionSettings settings = of(entry, hostDataRoot);
        Optional<String> databaseToken = Optional.ofNullable(entry.settings().get(PodEnvironment.DATABASE_TOKEN))
                .filter(token -> !token.isBlank());
        return new HostedSession(settings, databaseToken);
    }

    public static SessionSettings of(Entry entry, Path hostDataRoot) {
        Map<String, String> environment = new HashMap<>(entry.settings());
        environment.put(PodEnvironment.DATA_DIR, hostDataRoot.resolve(entry.session()).toString());
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, ENTRY_ORDINAL))
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withMapping(SessionConfig.class)
                .withValidateUnknown(false)
                .build();
        return SettingsValidator.validate(config.getConfigMapping(SessionConfig.class));
    }
}
