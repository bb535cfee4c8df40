package io.kubezap.simulator;

import io.kubezap.simulator.stream.ChatServerSettings;

import java.nio.file.Path;

/**
 * Where the simulator listens and writes its trust store.
 *
 * @param bindHost    address of both listeners (keep it loopback: the proxy impersonates WhatsApp)
 * @param proxyPort   the CONNECT proxy's port, 0 for any free one
 * @param controlPort the control API's port, 0 for any free one
 * @param trustStore  where to write the PKCS12 trust store holding the simulator's CA
 * @param chat        timing of the chat server
 */
public record SimulatorSettings(String bindHost, int proxyPort, int controlPort, Path trustStore, ChatServerSettings chat) {
    public static SimulatorSettings ephemeral(Path trustStore) {
        return new SimulatorSettings("127.0.0.1", 0, 0, trustStore, ChatServerSettings.defaults());
    }
}
