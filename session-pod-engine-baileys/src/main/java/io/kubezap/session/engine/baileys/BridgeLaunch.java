package io.kubezap.session.engine.baileys;

import io.kubezap.contract.PodSetting;
import io.kubezap.session.child.ChildEnvironment;
import io.kubezap.session.engine.WhatsAppRoute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the bridge is started: {@code node} runs {@code bridge.js} in {@code directory} with {@code environment}, its
 * whole environment ({@link ChildEnvironment}: of the pod's own variables only those the bridge reads). The pod's
 * own routing applies to it: the session's route (its proxy, by way of the relay on loopback) or else the JVM's
 * {@code https.proxyHost}/{@code https.proxyPort} become {@code HTTPS_PROXY}, and a
 * {@code javax.net.ssl.trustStore} is written as PEM for {@code NODE_EXTRA_CA_CERTS} (what Node.js adds to its CAs).
 */
record BridgeLaunch(String node, Path directory, Map<String, String> environment) {

    /**
     * The pod's variables the bridge reads: the events' raw payload switch, its log level, and the WhatsApp server's
     * noise root key (the tests' stand-in server).
     */
    static final List<String> FROM_POD = List.of(PodSetting.EVENTS_PAYLOAD_RAW.env(), "BRIDGE_LOG_LEVEL",
            "KUBEZAP_BAILEYS_NOISE_ROOT_KEY");

    static BridgeLaunch of(String node, Path directory, Path workDir, WhatsAppRoute route) throws IOException {
        return of(node, directory, workDir, route, ChildEnvironment.ofPod());
    }

    static BridgeLaunch of(String node, Path directory, Path workDir, WhatsAppRoute route, ChildEnvironment children)
            throws IOException {
        var environment = new HashMap<String, String>();
        String proxyHost = System.getProperty("https.proxyHost");
        var sessionProxy = route.httpProxy();
        if (sessionProxy.isPresent()) {
            environment.put("HTTPS_PROXY", sessionProxy.get().toString());
        } else if (proxyHost != null && !proxyHost.isBlank()) {
            environment.put("HTTPS_PROXY", "http://" + proxyHost + ":" + System.getProperty("https.proxyPort", "443"));
        }
        String trustStore = System.getProperty("javax.net.ssl.trustStore");
        if (trustStore != null && !trustStore.isBlank()) {
            Path pem = workDir.toAbsolutePath().resolve("extra-ca.pem");
            Files.createDirectories(workDir);
            Files.writeString(pem, pem(Path.of(trustStore), System.getProperty("javax.net.ssl.trustStorePassword", ""),
                    System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType())));
            environment.put("NODE_EXTRA_CA_CERTS", pem.toString());
        }
        return new BridgeLaunch(node, directory, children.of(FROM_POD, environment));
    }

    private static String pem(Path trustStore, String password, String type) throws IOException {
        try (InputStream in = Files.newInputStream(trustStore)) {
            var store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            var pem = new StringBuilder();
            var base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(store.getCertificate(alias).getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                }
            }
            return pem.toString();
        } catch (GeneralSecurityException unreadable) {
            throw new IOException("cannot read the trust store " + trustStore + ": " + unreadable.getMessage(), unreadable);
        }
    }
}
