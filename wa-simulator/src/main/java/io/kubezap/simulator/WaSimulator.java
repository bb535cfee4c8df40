package io.kubezap.simulator;

import io.kubezap.simulator.control.ControlApi;
import io.kubezap.simulator.control.SimulatorParts;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.stream.ChatServer;
import io.kubezap.simulator.tls.CertificateAuthority;
import io.kubezap.simulator.transport.ChatProxyServer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole simulator: a certificate authority and its trust store, the CONNECT proxy that
 * impersonates {@code web.whatsapp.com}, the chat server behind it, the simulated phones and
 * the control API that drives them.
 */
public final class WaSimulator implements AutoCloseable {
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private final PhoneDirectory phones;
    private final ChatServer chatServer;
    private final ChatProxyServer proxy;
    private final Path trustStore;
    private final MediaHost mediaHost;
    private ControlApi controlApi;

    private WaSimulator(PhoneDirectory phones, ChatServer chatServer, ChatProxyServer proxy, Path trustStore, MediaHost mediaHost) {
        this.mediaHost = mediaHost;
        this.phones = phones;
        this.chatServer = chatServer;
        this.proxy = proxy;
        this.trustStore = trustStore;
    }

    public static WaSimulator start(SimulatorSettings settings) {
        var authority = CertificateAuthority.generate();
        authority.writeTrustStore(settings.trustStore(), TRUST_STORE_PASSWORD.toCharArray());
        var phones = new PhoneDirectory();
        var mediaHost = new MediaHost(Clock.systemUTC());
        var chatServer = new ChatServer(phones, Clock.systemUTC(), settings.chat(), mediaHost);
        var proxy = ChatProxyServer.start(settings.bindHost(), settings.proxyPort(), authority, chatServer::open,
                chatServer::admitsConnection, chatServer.webVersions()::current, mediaHost);
        var simulator = new WaSimulator(phones, chatServer, proxy, settings.trustStore().toAbsolutePath(), mediaHost);
        try {
            simulator.controlApi = ControlApi.start(simulator.parts(), settings.bindHost(), settings.controlPort());
        } catch (RuntimeException exception) {
            proxy.close();
            throw exception;
        }
        return simulator;
    }

    private SimulatorParts parts() {
        return new SimulatorParts(phones, chatServer, mediaHost, proxyHost(), proxyPort(), trustStore,
                TRUST_STORE_PASSWORD, clientJavaOptions());
    }

    public PhoneDirectory phones() {
        return phones;
    }

    /** {@code mmg.whatsapp.net}: the encrypted media phones and clients uploaded. */
    public MediaHost mediaHost() {
        return mediaHost;
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

    public String controlUrl() {
        return controlApi.baseUrl();
    }

    /** The JVM system properties that route a WhatsApp client (Cobalt) through this simulator. */
    public Map<String, String> clientSystemProperties() {
        var properties = new LinkedHashMap<String, String>();
        properties.put("https.proxyHost", proxyHost());
        properties.put("https.proxyPort", String.valueOf(proxyPort()));
        properties.put("javax.net.ssl.trustStore", trustStore.toString());
        properties.put("javax.net.ssl.trustStorePassword", TRUST_STORE_PASSWORD);
        properties.put("javax.net.ssl.trustStoreType", "PKCS12");
        return properties;
    }

    /** {@link #clientSystemProperties()} as JVM options, one {@code -Dname=value} each. */
    public List<String> clientJvmOptions() {
        return clientSystemProperties().entrySet().stream()
                .map(entry -> "-D" + entry.getKey() + "=" + entry.getValue())
                .toList();
    }

    /** {@link #clientJvmOptions()} as a {@code JAVA_TOOL_OPTIONS}-style string. */
    public String clientJavaOptions() {
        return String.join(" ", clientJvmOptions());
    }

    @Override
    public void close() {
        if (controlApi != null) {
            controlApi.close();
        }
        proxy.close();
    }
}
