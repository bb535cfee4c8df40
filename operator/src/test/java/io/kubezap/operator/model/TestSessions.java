package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubezap.api.v1alpha1.Proxy;
import io.kubezap.api.v1alpha1.S3Store;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.MediaStorage;
import io.kubezap.contract.ProxyKind;
import io.kubezap.operator.config.OperatorConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** Sessions and operator configuration for unit tests of the desired-state builders. */
public final class TestSessions {

    private TestSessions() {
    }

    public static WhatsAppSession session(String name) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name)
                .withGeneration(1L).build());
        return session;
    }

    /** The operator configuration with its documented defaults, overridden by {@code properties}. */
    public static OperatorConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(OperatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .build()
                .getConfigMapping(OperatorConfig.class);
    }

    /** A media store of S3, its keys in a Secret. */
    public static S3Store s3Store() {
        S3Store store = new S3Store();
        store.setBucket("shop-media");
        store.setPrefix("shop/loja-01");
        store.setEndpoint("http://minio.storage:9000");
        store.setRegion("eu-west-1");
        store.setPathStyle(true);
        store.setAccessKeyRef(new io.kubezap.api.v1alpha1.SecretKeyRef("media-store", "access"));
        store.setSecretKeyRef(new io.kubezap.api.v1alpha1.SecretKeyRef("media-store", "secret"));
        store.setServerSideEncryption(MediaStorage.Encryption.AES256);
        store.setPresignedUrlExpiry("10m");
        return store;
    }

    public static io.kubezap.api.v1alpha1.Chatwoot chatwoot() {
        io.kubezap.api.v1alpha1.Chatwoot chatwoot = new io.kubezap.api.v1alpha1.Chatwoot();
        chatwoot.setUrl("https://chatwoot.example.com");
        chatwoot.setAccountId(3L);
        chatwoot.setApiAccessTokenRef(new io.kubezap.api.v1alpha1.SecretKeyRef("chatwoot-token", "token"));
        chatwoot.setInboxName("WhatsApp da Loja");
        return chatwoot;
    }

    public static Proxy socksProxy() {
        Proxy proxy = new Proxy();
        proxy.setType(ProxyKind.SOCKS5);
        proxy.setHost("proxy.example.net");
        proxy.setPort(1080);
        proxy.setUsernameRef(new io.kubezap.api.v1alpha1.SecretKeyRef("proxy-credentials", "username"));
        proxy.setPasswordRef(new io.kubezap.api.v1alpha1.SecretKeyRef("proxy-credentials", "password"));
        return proxy;
    }
}
