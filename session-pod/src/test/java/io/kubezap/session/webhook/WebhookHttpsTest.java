package io.kubezap.session.webhook;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.config.WebhookSettings;
import io.kubezap.session.egress.AddressList;
import io.kubezap.contract.PairingMethod;
import io.kubezap.simulator.tls.CertificateAuthority;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries to https endpoints, against a real HTTPS receiver on loopback whose certificate (for localhost) a throw-away
 * CA issued. The trusted case hands the sender a trust store holding that CA instead of changing the JVM-wide
 * javax.net.ssl properties; the untrusted case is the pod's sender as it is, on this JVM's default trust.
 */
class WebhookHttpsTest {

    private static final String BODY = "{\"event\":\"message.received\"}";
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    /** The defaults, as the pod reads them. */
    private static final WebhookSettings SETTINGS = new SmallRyeConfigBuilder().withMapping(WebhookSettings.class, "kubezap.webhook")
            .withConverter(Duration.class, 200, new DurationConverter()).build()
            .getConfigMapping(WebhookSettings.class, "kubezap.webhook");
    private static final SessionSettings SESSION = new SessionSettings("loja-01", "default", "0123456789abcdef0",
            Path.of("data"), PairingMethod.QR, Optional.empty(), 30, Optional.empty(), false);

    /** The receiver is on loopback: the cluster admin's allow-list admits it, as it would an in-cluster receiver. */
    private static final WebhookTargets LOCALHOST_ALLOWED = new WebhookTargets(
            AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "localhost"), AddressList.NONE);

    private static CertificateAuthority ca;
    private static WebhookReceiver receiver;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        ca = CertificateAuthority.generate();
        receiver = WebhookReceiver.https(0, serverTls(ca.issueServerIdentity("localhost")));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEndpointWhoseCertificateIsTrustedGetsTheSignedDelivery() throws Exception {
        WebhookSender sender = new WebhookSender(SETTINGS, () -> SESSION, vertx, trustStoreHolding(ca), LOCALHOST_ALLOWED);
        try {
            DeliveryAttempt attempt = sender.send(endpoint("/trusted"), "msg_1", "message.received", BODY);

            assertThat(attempt).isEqualTo(new DeliveryAttempt(true, 204, null));
            WebhookReceiver.Received received = receiver.at("/trusted").getFirst();
            assertThat(received.body()).isEqualTo(BODY);
            assertThat(received.header(WebhookSigner.ID_HEADER)).isEqualTo("msg_1");
            assertThat(received.header(WebhookSigner.TIMESTAMP_HEADER)).isNotBlank();
            assertThat(received.header(WebhookSigner.SIGNATURE_HEADER)).startsWith("v1,");
        } finally {
            sender.close();
        }
    }

    /** The pod's own sender, trusting what this JVM trusts (cacerts): not the test's CA. */
    @Test
    void anEndpointWhoseCertificateTheJvmDoesNotTrustIsNotDelivered() {
        WebhookSender sender = new WebhookSender(SETTINGS, () -> SESSION, vertx, null, LOCALHOST_ALLOWED);
        try {
            DeliveryAttempt attempt = sender.send(endpoint("/untrusted"), "msg_2", "message.received", BODY);

            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.statusCode()).isNull();
            assertThat(attempt.error()).startsWith("SSLHandshakeException: ")
                    .contains("unable to find valid certification path");
            assertThat(receiver.at("/untrusted")).isEmpty();
        } finally {
            sender.close();
        }
    }

    private static WebhookEndpoint endpoint(String path) {
        return new WebhookEndpoint(URI.create("https://localhost:" + receiver.port() + path), Set.of(), Optional.of(SECRET));
    }

    /** What the JVM would load from {@code -Djavax.net.ssl.trustStore} pointing at a store holding only the CA. */
    private static KeyStore trustStoreHolding(CertificateAuthority authority) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", authority.certificate());
        return store;
    }

    private static SSLContext serverTls(CertificateAuthority.ServerIdentity identity) throws Exception {
        char[] password = "server".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", identity.privateKey(), password, identity.chain());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        return tls;
    }
}
