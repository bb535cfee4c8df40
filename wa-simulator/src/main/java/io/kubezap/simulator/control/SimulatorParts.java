package io.kubezap.simulator.control;

import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.stream.ChatServer;

import java.nio.file.Path;

/**
 * What the control API drives and reports: the phones, the chat server, the media host, and how a
 * client reaches them (the proxy, the trust store and the JVM options that name both). The
 * simulator hands these over so that the control API never depends on the class that starts it.
 */
public record SimulatorParts(PhoneDirectory phones, ChatServer chatServer, MediaHost mediaHost,
                             String proxyHost, int proxyPort, Path trustStore, String trustStorePassword,
                             String clientJavaOptions) {
}
