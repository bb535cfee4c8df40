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
 * is its own under the host's ({@code <root>/<session>}): every entry names the volume a pod of its own would mount;
 * its files (webhooks, sinks and their secrets) are written below it, and a setting naming one names it there.
 */
public final class HostedSessionSettings {

    /** As a pod's environment. */
    private static final int ENTRY_ORDINAL = 300;

    private HostedSessionSettings() {
    }

    /**
     * The session as this JVM holds it: its name, key, database token, engine settings and configuration from its
     * entry, whose files are written first where its settings name them ({@link HostedSessionFiles}).
     */
    public static HostedSession session(Entry entry, Path hostDataRoot) {
        HostedSessionFiles.write(entry, filesDirectory(entry, hostDataRoot));
        SessionConfig config = config(entry, hostDataRoot);
        SessionSettings settings = SettingsValidator.validate(config);
        Optional<String> databaseToken = Optional.ofNullable(entry.settings().get(PodEnvironment.DATABASE_TOKEN)).filter(token -> !token.isBlank());
        return new HostedSession(settings, databaseToken, config);
    }

    public static SessionSettings of(Entry entry, Path hostDataRoot) {
        return SettingsValidator.validate(config(entry, hostDataRoot));
    }

    /** A session's configuration read from {@code environment} as a session pod reads its own environment. */
    public static SessionConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, ENTRY_ORDINAL))
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withMapping(SessionConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(SessionConfig.class);
    }

    private static SessionConfig config(Entry entry, Path hostDataRoot) {
        Map<String, String> environment = new HashMap<>(HostedSessionFiles.named(entry, filesDirectory(entry, hostDataRoot)));
        environment.put(PodEnvironment.DATA_DIR, dataDirectory(entry, hostDataRoot).toString());
        return config(environment);
    }

    private static Path dataDirectory(Entry entry, Path hostDataRoot) {
        return hostDataRoot.resolve(entry.session());
    }

    /** Where the entry's files go: what a session pod of its own would have mounted. */
    private static Path filesDirectory(Entry entry, Path hostDataRoot) {
        return dataDirectory(entry, hostDataRoot).resolve("mounted");
    }
}
