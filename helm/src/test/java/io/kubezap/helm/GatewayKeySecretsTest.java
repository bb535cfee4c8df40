package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's keys under {@code helm template} (Argo CD and other GitOps tools: no lookup reaches the cluster, so a
 * generated key would be new on every render) and a changed stream-token key rolling the replicas, which read it once.
 */
class GatewayKeySecretsTest {

    private static final String GATEWAY = "kubezap-gateway";
    private static final String CHECKSUM = "checksum/stream-token-key";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void withExistingSecretsEveryRenderOfHelmTemplateIsTheSame() {
        // the bundled database's password has the same option (BundledPostgresqlTest)
        Map<String, Object> values = Map.of("gateway.adminKey.existingSecret", "gateway-admin-from-vault",
                "gateway.streamTokenKey.existingSecret", "gateway-stream-key-from-vault",
                "gateway.database.existingSecret", "gateway-database-from-vault",
                "postgresql.bundled.existingSecret", "postgresql-from-vault", "operator.maxSessions", 100);

        List<HasMetadata> first = renderNothingToLookUp(values);
        List<HasMetadata> second = renderNothingToLookUp(values);

        assertThat(first).isEqualTo(second);
        assertThat(first).filteredOn(object -> object instanceof Secret).noneMatch(Manifests::isGateways);
        Deployment gateway = first.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals(GATEWAY))
                .map(Deployment.class::cast).findFirst().orElseThrow();
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .filteredOn(env -> env.getName().equals("KUBEZAP_GATEWAY_STREAM_TOKEN_KEY")).singleElement()
                .extracting(env -> env.getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("gateway-stream-key-from-vault");
    }

    @Test
    void theGatewayCarriesTheChecksumOfTheKeyItsSecretHolds() {
        Manifests manifests = chart.render();

        String key = manifests.one(Secret.class, GATEWAY + "-stream-token-key").getStringData().get("key");
        assertThat(checksum(manifests)).isEqualTo(sha256(key));
    }

    @Test
    void aChangedStreamTokenKeyRollsTheGatewayAtTheNextUpgrade() {
        String namespace = "gateway-key-rotated";
        installedKey(namespace, GATEWAY + "-stream-token-key", "the-first-key");
        String before = checksum(chart.render(command -> command.withNamespace(namespace)));
        installedKey(namespace, GATEWAY + "-stream-token-key", "the-rotated-key");
        String after = checksum(chart.render(command -> command.withNamespace(namespace)));

        assertThat(before).isEqualTo(sha256("the-first-key"));
        assertThat(after).isEqualTo(sha256("the-rotated-key"));
    }

    @Test
    void anExistingStreamTokenKeySecretIsCheckedToo() {
        String namespace = "gateway-own-key";
        installedKey(namespace, "my-stream-key", "my-own-key");

        Manifests manifests = chart.render(command -> command.withNamespace(namespace)
                .set("gateway.streamTokenKey.existingSecret", "my-stream-key"));

        assertThat(checksum(manifests)).isEqualTo(sha256("my-own-key"));
    }

    /** {@code helm template}: in a namespace where lookup finds nothing, as when no cluster is reachable. */
    private List<HasMetadata> renderNothingToLookUp(Map<String, Object> values) {
        return chart.render(command -> {
            values.forEach(command::set);
            return command.withNamespace("rendered-by-argo-cd");
        }).all(HasMetadata.class);
    }

    private void installedKey(String namespace, String secret, String key) {
        chart.cluster().add(new SecretBuilder().withNewMetadata().withName(secret).withNamespace(namespace).endMetadata()
                .addToData("key", Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))).build());
    }

    private static String checksum(Manifests manifests) {
        return manifests.one(Deployment.class, GATEWAY).getSpec().getTemplate().getMetadata().getAnnotations().get(CHECKSUM);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
