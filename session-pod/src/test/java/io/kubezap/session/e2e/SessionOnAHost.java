package io.kubezap.session.e2e;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.PodSetting;
import io.kubezap.contract.StorageMode;
import io.kubezap.contract.host.HostSessionFile;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scenario's one session on a session host instead of a pod of its own (issue 81, record 0021), split as the
 * operator splits it: what {@link PodSetting#hostSet()} names (pool, storage mode, data directory, ports) in the host's
 * environment, every other setting the scenario gives its pod in the session's entry of the host's sessions directory.
 * The host's storage mode is {@link StorageMode#Database}, which a host needs.
 */
final class SessionOnAHost {

    private static final Set<String> HOST_SETTINGS = PodSetting.hostSet().stream().map(PodSetting::env)
            .collect(Collectors.toUnmodifiableSet());

    private final String session;
    private final String namespace;
    private final String apiKey;
    private final Map<String, String> scenarioEnvironment;

    SessionOnAHost(String session, String namespace, String apiKey, Map<String, String> scenarioEnvironment) {
        this.session = session;
        this.namespace = namespace;
        this.apiKey = apiKey;
        this.scenarioEnvironment = Map.copyOf(scenarioEnvironment);
    }

    /** A host runs Cobalt sessions only: Baileys' storage mode is Volume, which the CRD keeps (session-pod/README). */
    static void assumeHostable(Map<String, String> scenarioEnvironment) {
        Assumptions.assumeFalse("Baileys".equals(scenarioEnvironment.get(PodEnvironment.ENGINE)),
                "a session host runs Cobalt sessions only (record 0021: storage mode Database, which Baileys does not take)");
    }

    /** The session's entry, {@code <session>.json} in {@code directory}, as the operator writes it into the host's Secret. */
    void writeEntry(Path directory) {
        var settings = new HashMap<String, String>();
        scenarioEnvironment.forEach((name, value) -> {
            if (!HOST_SETTINGS.contains(name)) {
                settings.put(name, value);
            }
        });
        settings.put(PodEnvironment.SESSION, session);
        settings.put(PodEnvironment.NAMESPACE, namespace);
        settings.put(PodEnvironment.API_KEY, apiKey);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(HostSessionFile.fileName(session)),
                    HostSessionFile.write(new HostSessionFile.Entry(session, settings, Map.of())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The host's environment from the one {@code podEnvironment} a pod of the session would get: no session and no key
     * of its own, its sessions' directory, the scenario's host-wide settings, storage mode Database.
     */
    Map<String, String> hostEnvironment(Map<String, String> podEnvironment, Path directory) {
        var environment = new HashMap<>(podEnvironment);
        environment.remove(PodEnvironment.SESSION);
        environment.remove(PodEnvironment.API_KEY);
        scenarioEnvironment.forEach((name, value) -> {
            if (HOST_SETTINGS.contains(name)) {
                environment.put(name, value);
            }
        });
        environment.put(HostSessionFile.DIRECTORY_ENV, directory.toString());
        environment.put(PodEnvironment.STORAGE_MODE, StorageMode.Database.name());
        return environment;
    }
}
