package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.Events;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.MediaStorage;
import io.kubezap.operator.model.InstallationSinks;
import io.kubezap.operator.model.MissingSecretException;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Secret value the pod reads at start is in its template's digest, so a change rolls the pod. */
class ReferencedSecretsTest {

    private final WhatsAppSession session = session();

    @Test
    void aRecreatedApiKeyOrARotatedSigningSecretChangesTheDigest() {
        String before = ReferencedSecrets.digest(session, InstallationSinks.NONE, Optional.of(secret("loja-01-api-key", "api-key", "old-key")),
                Map.of("hooks", secret("hooks", "hmac", "whsec_one")));

        assertThat(ReferencedSecrets.digest(session, InstallationSinks.NONE, Optional.of(secret("loja-01-api-key", "api-key", "new-key")),
                Map.of("hooks", secret("hooks", "hmac", "whsec_one")))).isNotEqualTo(before);
        assertThat(ReferencedSecrets.digest(session, InstallationSinks.NONE, Optional.of(secret("loja-01-api-key", "api-key", "old-key")),
                Map.of("hooks", secret("hooks", "hmac", "whsec_two")))).isNotEqualTo(before);
        assertThat(ReferencedSecrets.digest(session, InstallationSinks.NONE, Optional.of(secret("loja-01-api-key", "api-key", "old-key")),
                Map.of("hooks", secret("hooks", "hmac", "whsec_one")))).isEqualTo(before);
    }

    @Test
    void aMissingSigningSecretKeyIsNamed() {
        assertThatThrownBy(() -> ReferencedSecrets.requirePresent(session, InstallationSinks.NONE, Map.of("hooks", secret("hooks", "other", "x"))))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("hooks/hmac");
        ReferencedSecrets.requirePresent(session, InstallationSinks.NONE, Map.of("hooks", secret("hooks", "hmac", "x")));
    }

    @Test
    void aSessionIsIndexedUnderEachSecretItsWebhooksNameOnce() {
        WhatsAppSession named = TestSessions.session("loja-02");
        named.getSpec().setWebhooks(List.of(new Webhook("https://a.example.com", List.of(), new SecretKeyRef("hooks", "hmac")),
                new Webhook("https://b.example.com", List.of(), new SecretKeyRef("hooks", "other")),
                new Webhook("https://c.example.com", List.of(), new SecretKeyRef("more-hooks", "hmac")),
                new Webhook("https://d.example.com", List.of(), null)));

        assertThat(ReferencedSecrets.namedSecretKeys(named, InstallationSinks.NONE)).containsExactlyInAnyOrder("shop/hooks", "shop/more-hooks");
        assertThat(ReferencedSecrets.namedSecretKeys(TestSessions.session("loja-03"), InstallationSinks.NONE)).isEmpty();
    }

    @Test
    void eventSinkCredentialsAreNamedWatchedAndRollThePodWhenRotated() {
        WhatsAppSession withSink = TestSessions.session("loja-04");
        EventSink sink = new EventSink();
        sink.setName("orders");
        sink.setKind(EventSinkFile.Kind.RabbitMQ);
        sink.setAddress("amqp://rabbitmq:5672");
        sink.setDestination("whatsapp");
        sink.setUsernameRef(new SecretKeyRef("brokers", "user"));
        sink.setPasswordRef(new SecretKeyRef("brokers", "password"));
        Events events = new Events();
        events.setSinks(List.of(sink));
        withSink.getSpec().setEvents(events);

        assertThat(ReferencedSecrets.namedSecretKeys(withSink, InstallationSinks.NONE)).containsExactly("shop/brokers");
        requiredTogetherAndRotationRollsThePod(withSink, "brokers", "user", "password");
    }

    @Test
    void theS3MediaStoresKeysAreNamedWatchedAndRollThePodWhenRotated() {
        WhatsAppSession onS3 = TestSessions.session("loja-05");
        Media media = new Media();
        media.setStore(MediaStorage.Kind.S3);
        media.setS3(TestSessions.s3Store());
        onS3.getSpec().setMedia(media);

        assertThat(ReferencedSecrets.namedSecretKeys(onS3, InstallationSinks.NONE)).containsExactly("shop/media-store");
        requiredTogetherAndRotationRollsThePod(onS3, "media-store", "access", "secret");

        media.setStore(MediaStorage.Kind.Volume);
        assertThat(ReferencedSecrets.namedSecretKeys(onS3, InstallationSinks.NONE)).as("kept for later, not used").isEmpty();
    }

    @Test
    void theProxysCredentialsAreNamedWatchedAndRollThePodWhenRotated() {
        WhatsAppSession proxied = TestSessions.session("loja-06");
        proxied.getSpec().setProxy(TestSessions.socksProxy());

        assertThat(ReferencedSecrets.namedSecretKeys(proxied, InstallationSinks.NONE)).containsExactly("shop/proxy-credentials");
        requiredTogetherAndRotationRollsThePod(proxied, "proxy-credentials", "username", "password");

        proxied.getSpec().getProxy().setUsernameRef(null);
        proxied.getSpec().getProxy().setPasswordRef(null);
        assertThat(ReferencedSecrets.namedSecretKeys(proxied, InstallationSinks.NONE)).as("a proxy without credentials").isEmpty();
    }

    @Test
    void aWebhooksAuthCredentialIsNamedWatchedAndRollsThePodWhenRotated() {
        WhatsAppSession session = TestSessions.session("loja-07");
        Webhook webhook = new Webhook("https://hooks.example.com/wa", List.of(), new SecretKeyRef("hooks", "hmac"));
        var auth = new io.kubezap.api.v1alpha1.WebhookAuth();
        var basic = new io.kubezap.api.v1alpha1.WebhookAuth.WebhookBasicAuth();
        basic.setUsername("kubezap");
        basic.setPasswordRef(new SecretKeyRef("hooks", "password"));
        auth.setBasic(basic);
        webhook.setAuth(auth);
        session.getSpec().setWebhooks(List.of(webhook));

        assertThat(ReferencedSecrets.namedSecretKeys(session, InstallationSinks.NONE)).containsExactly("shop/hooks");
        requiredTogetherAndRotationRollsThePod(session, "hooks", "hmac", "password");
    }

    @Test
    void theChatwootTokenIsNamedWatchedAndRequired() {
        WhatsAppSession mirrored = TestSessions.session("loja-54");
        mirrored.getSpec().setChatwoot(TestSessions.chatwoot());

        assertThat(ReferencedSecrets.namedSecretKeys(mirrored, InstallationSinks.NONE)).containsExactly("shop/chatwoot-token");
        assertThatThrownBy(() -> ReferencedSecrets.requirePresent(mirrored, InstallationSinks.NONE, Map.of()))
                .isInstanceOf(MissingSecretException.class).hasMessageContaining("chatwoot-token/token");
        assertThat(ReferencedSecrets.digest(mirrored, InstallationSinks.NONE, Optional.empty(),
                Map.of("chatwoot-token", secret("chatwoot-token", "token", "rotated"))))
                .as("a rotated token rolls the pod").isNotEqualTo(ReferencedSecrets.digest(mirrored, InstallationSinks.NONE,
                        Optional.empty(), Map.of("chatwoot-token", secret("chatwoot-token", "token", "first"))));
    }

    @Test
    void theChatwootWebhookSecretIsRequiredAndRollsThePod() {
        WhatsAppSession mirrored = TestSessions.session("loja-54");
        io.kubezap.api.v1alpha1.Chatwoot chatwoot = TestSessions.chatwoot();
        chatwoot.setWebhookSecretRef(new io.kubezap.api.v1alpha1.SecretKeyRef("chatwoot-hook", "secret"));
        mirrored.getSpec().setChatwoot(chatwoot);

        assertThat(ReferencedSecrets.namedSecretKeys(mirrored, InstallationSinks.NONE))
                .containsExactlyInAnyOrder("shop/chatwoot-token", "shop/chatwoot-hook");
        assertThatThrownBy(() -> ReferencedSecrets.requirePresent(mirrored, InstallationSinks.NONE,
                Map.of("chatwoot-token", secret("chatwoot-token", "token", "t"))))
                .isInstanceOf(MissingSecretException.class).hasMessageContaining("chatwoot-hook/secret");
        Map<String, io.fabric8.kubernetes.api.model.Secret> first = Map.of("chatwoot-token", secret("chatwoot-token", "token", "t"),
                "chatwoot-hook", secret("chatwoot-hook", "secret", "first"));
        Map<String, io.fabric8.kubernetes.api.model.Secret> rotated = Map.of("chatwoot-token", secret("chatwoot-token", "token", "t"),
                "chatwoot-hook", secret("chatwoot-hook", "secret", "rotated"));
        assertThat(ReferencedSecrets.digest(mirrored, InstallationSinks.NONE, Optional.empty(), rotated))
                .as("a rotated webhook secret rolls the pod")
                .isNotEqualTo(ReferencedSecrets.digest(mirrored, InstallationSinks.NONE, Optional.empty(), first));
    }

    @Test
    void theInstallationsSinkCredentialsAreReadFromTheSessionsOwnNamespaceAndRollItsPod() {
        var sink = new EventSink();
        sink.setName("platform");
        sink.setKind(EventSinkFile.Kind.NATS);
        sink.setAddress("nats://nats.platform:4222");
        sink.setDestination("whatsapp");
        sink.setPasswordRef(new SecretKeyRef("platform-broker", "password"));
        InstallationSinks installation = new InstallationSinks(List.of(sink));
        WhatsAppSession session = TestSessions.session("loja-06");

        assertThat(ReferencedSecrets.namedSecretKeys(session, installation)).containsExactly("shop/platform-broker");
        assertThatThrownBy(() -> ReferencedSecrets.requirePresent(session, installation, Map.of()))
                .isInstanceOf(MissingSecretException.class).hasMessageContaining("platform-broker/password");
        assertThat(ReferencedSecrets.digest(session, installation, Optional.empty(),
                Map.of("platform-broker", secret("platform-broker", "password", "two"))))
                .isNotEqualTo(ReferencedSecrets.digest(session, installation, Optional.empty(),
                        Map.of("platform-broker", secret("platform-broker", "password", "one"))));
    }

    private static WhatsAppSession session() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setWebhooks(List.of(new Webhook("https://hooks.example.com/wa", List.of(),
                new SecretKeyRef("hooks", "hmac"))));
        return session;
    }

    private static Secret secret(String name, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withStringData(Map.of(key, value)).build();
    }

    /**
     * A Secret holding only {@code firstKey} is missing {@code secondKey}; once both are there, a new value of
     * {@code secondKey} changes the digest, which rolls the pod.
     */
    private static void requiredTogetherAndRotationRollsThePod(WhatsAppSession session, String secretName, String firstKey,
                                                               String secondKey) {
        assertThatThrownBy(() -> ReferencedSecrets.requirePresent(session, InstallationSinks.NONE,
                Map.of(secretName, secret(secretName, firstKey, "first"))))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining(secretName + "/" + secondKey);
        Secret before = new SecretBuilder(secret(secretName, firstKey, "first")).addToStringData(secondKey, "one").build();
        Secret rotated = new SecretBuilder(secret(secretName, firstKey, "first")).addToStringData(secondKey, "two").build();
        ReferencedSecrets.requirePresent(session, InstallationSinks.NONE, Map.of(secretName, before));
        assertThat(ReferencedSecrets.digest(session, InstallationSinks.NONE, Optional.empty(), Map.of(secretName, rotated)))
                .isNotEqualTo(ReferencedSecrets.digest(session, InstallationSinks.NONE, Optional.empty(), Map.of(secretName, before)));
    }
}
