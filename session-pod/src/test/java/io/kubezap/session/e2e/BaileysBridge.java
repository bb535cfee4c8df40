package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.Needs;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Baileys bridge of this checkout ({@code session-pod-engine-baileys/src/main/baileys-bridge}) for pods started
 * with {@code KUBEZAP_ENGINE=Baileys}; its node_modules are installed by the build before the tests (scripts/npm-ci),
 * never at test time.
 */
final class BaileysBridge {

    private BaileysBridge() {
    }

    /** The pod's environment for {@code engine}: the tests parameterised by engine start every pod with it. */
    static Map<String, String> environment(EngineKind engine) {
        return engine == EngineKind.Baileys
                ? Map.of("KUBEZAP_ENGINE", engine.name(), "KUBEZAP_BAILEYS_BRIDGE", directory().toString())
                : Map.of("KUBEZAP_ENGINE", engine.name());
    }

    /** The pod's environment for {@code engine} with the test's own {@code settings}. */
    static Map<String, String> environment(EngineKind engine, Map<String, String> settings) {
        var environment = new java.util.HashMap<>(environment(engine));
        environment.putAll(settings);
        return environment;
    }

    static Path directory() {
        return Needs.npmPackages(Path.of("../session-pod-engine-baileys/src/main/baileys-bridge").toAbsolutePath(),
                "baileys");
    }
}
