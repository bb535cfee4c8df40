package io.kubezap.session.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Baileys bridge of this checkout ({@code src/main/baileys-bridge}) for pods started with {@code KUBEZAP_ENGINE=Baileys};
 * its node_modules are installed before the tests ({@code npm ci}, as .ci/run does), never at test time.
 */
final class BaileysBridge {

    private BaileysBridge() {
    }

    static Path directory() {
        Path bridge = Path.of("src/main/baileys-bridge").toAbsolutePath();
        if (!Files.isDirectory(bridge.resolve("node_modules/@whiskeysockets/baileys"))) {
            throw new IllegalStateException("the Baileys bridge's packages are not installed: run `npm ci` in " + bridge);
        }
        return bridge;
    }
}
