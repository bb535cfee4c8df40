package io.kubezap.simulator;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.stream.ChatServer;
import io.kubezap.simulator.stream.ChatServerSettings;
import io.kubezap.simulator.tls.CertificateAuthority;
import io.kubezap.simulator.transport.ChatProxyServer;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The whole simulator: a certificate authority and its trust store, the CONNECT proxy that
 * impersonates {@code web.whatsapp.com}, the chat server behind it and the simulated phones.
 */
public final class WaSimulator implements AutoCloseable {
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private final PhoneDirectory phones;
    private final ChatServer chatServer;
    private final ChatProxyServer proxy;
    private final Path trustStore;

    private WaSimulator(PhoneDirectory phones, ChatServer chatServer, ChatProxyServer proxy, Path trustStore) {
        this.phones = phones;
        this.chatServer = chatServer;
        this.proxy = proxy;
        this.trustStore = trustStore;
    }

    /**
     * Starts the proxy on {@code bindHost:proxyPort} (0 picks a free port) and writes the trust
     * store clients need to {@code trustStore}.
     */
    public static WaSimulator start(String bindHost, int proxyPort, Path trustStore, ChatServerSettings settings) {
        var authority = CertificateAuthority.generate();
        authority.writeTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
        var phones = new PhoneDirectory();
        var chatServer = new ChatServer(phones, Clock.systemUTC(), settings);
        var proxy = ChatProxyServer.start(bindHost, proxyPort, authority, chatServer::open);
        return new WaSimulator(phones, chatServer, proxy, trustStore.toAbsolutePath());
    }

    public PhoneDirectory phones() {
        return phones;
    }

    public ChatServer chatServer() {
        return chatServer;
    }

    public String proxyHost() {
        return proxy.host();
    }

    public int proxyPort() {
        return proxy.port();
    }

    public Path trustStore() {
        return trustStore;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
