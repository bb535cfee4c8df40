package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Tells before a gateway key expires: the gauge {@code kubezap_gateway_key_expiry_timestamp_seconds} (seconds since the epoch, one series per key with an
 * expiry, as cert-manager's {@code certmanager_certificate_expiration_timestamp_seconds}) for alerts, and one Warning
 * Event {@code KeyExpiringSoon} on the key's Secret once it is within {@code kubezap.gateway.key-expiry-warning} of its
 * expiry. The Event's name is derived from the key and its expiry, so every replica writes the same one and a rotated
 * key (new expiry) is told again.
 */
@ApplicationScoped
@Startup
public class KeyExpiryWarnings {

    static final String METRIC = "kubezap.gateway.key.expiry.timestamp.seconds";
    static final String REASON = "KeyExpiringSoon";
    private static final Logger LOG = Logger.getLogger(KeyExpiryWarnings.class);

    private final GatewayKeys keys;
    private final KubernetesClient client;
    private final Duration warning;
    private final MultiGauge expiries;
    private final Vertx vertx;
    private final long timer;

    KeyExpiryWarnings(GatewayKeys keys, KubernetesClient client, GatewayConfig config, MeterRegistry registry, Vertx vertx) {
        this.keys = keys;
        this.client = client;
        this.warning = config.keyExpiryWarning();
        this.expiries = MultiGauge.builder(METRIC)
                .description("When each gateway key with an expiresAt stops being accepted (seconds since the epoch)")
                .register(registry);
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(1, config.keyExpiryCheck().toMillis(), id -> vertx.executeBlocking(() -> {
            check(Instant.now());
            return null;
        }, false));
    }

    /** Publishes every key's expiry and warns of those within the warning period. */
    void check(Instant now) {
        List<Secret> secrets = List.copyOf(keys.keySecrets());
        expiries.register(secrets.stream()
                .filter(s -> GatewayKeys.expiryOf(s).expiresAt().isPresent())
                .map(s -> MultiGauge.Row.of(Tags.of("key", s.getMetadata().getName()),
                        GatewayKeys.expiryOf(s).expiresAt().get().getEpochSecond()))
                .toList(), true);
        for (Secret secret : secrets) {
            GatewayKeys.expiryOf(secret).expiresAt()
                    .filter(at -> now.plus(warning).isAfter(at))
                    .ifPresent(at -> warn(secret, at, now));
        }
    }

    /** Whether the informer holds key Secrets of these names yet. */
    boolean keySecretsKnown(String... names) {
        List<String> known = keys.keySecrets().stream().map(s -> s.getMetadata().getName()).toList();
        return known.containsAll(List.of(names));
    }

    private void warn(Secret secret, Instant expiresAt, Instant now) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName() + ".expiring-" + expiresAt.getEpochSecond();
        if (client.v1().events().inNamespace(namespace).withName(name).get() != null) {
            return;
        }
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String message = (now.isBefore(expiresAt) ? "expires at " : "expired at ") + expiresAt
                + ": create a replacement key, move its callers to it, then delete this one (gateway/README.md, Rotating a key)";
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withKind("Secret").withApiVersion("v1")
                            .withNamespace(namespace).withName(secret.getMetadata().getName())
                            .withUid(secret.getMetadata().getUid()).build())
                    .withType("Warning").withReason(REASON).withMessage("gateway key " + message)
                    .withNewSource().withComponent("kubezap-gateway").endSource()
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1).build()).create();
        } catch (KubernetesClientException e) {
            // another replica wrote it first (409), or the Role lacks events: the metric still tells
            LOG.debugf("Event %s not recorded: %s", name, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }
}
